"""`make run`'s processes under supervisord (scripts/supervisord.conf): one
that dies is started again and the restart logged; the others keep serving;
stopping supervisord stops every process it ran, children included."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from scripts.processes import ROOT, free_port, terminate
from testing.processes import wait_until, worker_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.faults]

VENV = Path(sys.executable).parent.parent


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


class Supervised:
    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.logs = tmp_path
        self.socket = f"unix://{tmp_path}/supervisor.sock"
        self.env = worker_env(
            SAYARA_ROOT=str(ROOT), SAYARA_VENV=str(VENV), SAYARA_LOGS=str(tmp_path), SAYARA_RUN=str(tmp_path),
            SAYARA_STATE_DIR=str(tmp_path), PORT=str(self.port), HOST="127.0.0.1", WEB_WORKERS="1",
        )  # fmt: skip
        self.proc = subprocess.Popen(
            [VENV / "bin" / "supervisord", "-c", ROOT / "scripts" / "supervisord.conf"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def ctl(self, *args: str) -> str:
        return subprocess.run([VENV / "bin" / "supervisorctl", "-s", self.socket, *args], capture_output=True, text=True).stdout

    def running(self, name: str) -> int | None:
        """The program's pid once supervisord counts it as RUNNING (up for `startsecs`)."""
        status = self.ctl("status", name).split()
        return int(status[3].rstrip(",")) if len(status) > 3 and status[1] == "RUNNING" else None

    def serving(self) -> bool:
        try:
            return requests.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2).ok
        except requests.RequestException:
            return False

    def log(self) -> str:
        path = self.logs / "supervisord.log"
        return path.read_text() if path.exists() else ""


def test_a_killed_process_is_restarted_and_ctrl_c_stops_everything(tmp_path):
    stack = Supervised(tmp_path)
    try:
        pids = {
            name: wait_until(lambda n=name: stack.running(n), timeout=90, message=f"{name} running")
            for name in ("worker", "beat", "web")
        }
        wait_until(stack.serving, timeout=30, message="the web server answering")
        wait_until(lambda: b"ready." in (tmp_path / "worker.log").read_bytes(), timeout=60, message="the worker ready")

        os.kill(pids["worker"], signal.SIGKILL)

        wait_until(lambda: "exited: worker (terminated by SIGKILL; not expected)" in stack.log(), timeout=30)
        restarted = wait_until(lambda: (stack.running("worker") or pids["worker"]) != pids["worker"], timeout=60)
        assert restarted and stack.running("worker") not in (None, pids["worker"])
        assert (stack.running("beat"), stack.running("web")) == (pids["beat"], pids["web"])
        assert stack.serving()

        # Worker, its pool, beat, web and its server process: the restarted worker forks its pool when it is ready.
        tree = wait_until(lambda: len(found := descendants(stack.proc.pid)) >= 4 and found, timeout=60, message="the processes")
        stack.proc.send_signal(signal.SIGTERM)  # what run.sh sends on Ctrl-C
        stack.proc.wait(timeout=90)
        assert [pid for pid in tree if alive(pid)] == []
        assert not stack.serving()
    finally:
        # SIGTERM first: supervisord stops its programs; a SIGKILL alone would leave them running.
        terminate(stack.proc, timeout=60)
