"""Peak memory of each process a benchmark runs: the kernel's high-water mark
of resident memory (VmHWM in /proc/<pid>/status), sampled while the arms run,
so a process that has exited is still counted at its peak.

Roles are what the figures are reported by ("web worker", "celery worker",
"engine", "postgres backend", "bench"); each role's figure is the largest
single process in it, which is what sizing a machine by processes needs.
"""

import os
import resource
import threading
from collections.abc import Callable, Iterable
from pathlib import Path


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def children(pid: int) -> list[int]:
    """Every descendant of `pid` (uvicorn's and Celery's worker processes)."""
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            direct = [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        for child in direct:
            out += [child, *children(child)]
    return out


class MemoryWatch:
    """Samples the high-water marks of registered processes on a background thread."""

    def __init__(self, interval: float = 0.5) -> None:
        self.peaks_kb: dict[str, int] = {}
        self.sources: dict[str, Callable[[], Iterable[int]]] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="memory-watch", daemon=True)
        self.interval = interval

    def start(self) -> "MemoryWatch":
        self.thread.start()
        return self

    def watch(self, role: str, pids: Callable[[], Iterable[int]]) -> None:
        with self.lock:
            self.sources[f"{role}#{len(self.sources)}"] = pids

    def watch_tree(self, role: str, pid: int, *, parent_role: str | None = None) -> None:
        """A server and its worker processes: the parent in `parent_role`, each child in `role`."""
        if parent_role:
            self.watch(parent_role, lambda: [pid])
            self.watch(role, lambda: children(pid))
        else:
            self.watch(role, lambda: [pid, *children(pid)])

    def sample(self) -> None:
        with self.lock:
            sources = list(self.sources.items())
        for key, pids in sources:
            role = key.split("#")[0]
            try:
                listed = list(pids())
            except Exception:  # noqa: BLE001 - a source that cannot list its processes now is sampled next time
                continue
            for pid in listed:
                peak = _status_kb(pid, "VmHWM")
                if peak > self.peaks_kb.get(role, 0):
                    self.peaks_kb[role] = peak
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
        self.peaks_kb["bench (seed, rebuild, clients)"] = max(self.peaks_kb.get("bench (seed, rebuild, clients)", 0), own)

    def _run(self) -> None:
        while not self.stopping.wait(self.interval):
            self.sample()

    def stop(self) -> dict[str, int]:
        self.sample()
        self.stopping.set()
        return self.figures()

    def figures(self) -> dict[str, int]:
        return {role: round(kb / 1024) for role, kb in sorted(self.peaks_kb.items())}


def postgres_backends(database: str) -> Callable[[], list[int]]:
    """The server processes serving connections to `database` (found in pg_stat_activity)."""
    from django.db import connections

    def pids() -> list[int]:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])
            found = [row[0] for row in cursor.fetchall()]
        return [pid for pid in found if os.path.exists(f"/proc/{pid}")]

    return pids
