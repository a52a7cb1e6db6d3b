"""Real processes of the stack, started and stopped by tests and benchmarks:
the ASGI server, a Celery worker, and private Redis, OpenSearch and
PostgreSQL instances (which a test may stop without disturbing the shared
dev services)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = Path(os.environ.get("SAYARA_STATE_DIR", ROOT / ".state"))


def free_ports(count: int, low: int, high: int) -> list[int]:
    """`count` distinct free loopback ports in [low, high]."""
    ports: list[int] = []
    while len(ports) < count:
        ports.append(free_port(ports[-1] + 1 if ports else low, high))
    return ports


class ProcessFailed(RuntimeError):
    pass


def terminate(proc: subprocess.Popen, *, timeout: float) -> None:
    """SIGTERM, so the process stops what it runs; SIGKILL if it has not exited within `timeout`."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def free_port(low: int = 0, high: int = 0) -> int:
    """A free loopback port (any, or the first free one in [low, high])."""
    for port in range(low, high + 1) if low else [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {low}-{high}")


class Process:
    """A real process of the stack, started and stopped by a test."""

    start_seconds = 120

    def __init__(self, name: str, command: list[str], *, env: dict[str, str], log_dir: Path) -> None:
        self.name, self.command, self.env = name, command, env
        self.log = log_dir / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.user: str | None = None  # run as this user (PostgreSQL refuses root)

    def start(self) -> "Process":
        self.proc = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT, user=self.user
        )
        deadline = time.monotonic() + self.start_seconds
        try:
            while not self.ready():
                if time.monotonic() > deadline:
                    raise ProcessFailed(f"{self.name} did not start in {self.start_seconds}s (log: {self.log})")
                time.sleep(0.2)
        except ProcessFailed:
            self.stop()  # never leave a half-started process behind (it would steal a queue's tasks)
            raise
        return self

    def ready(self) -> bool:
        if self.proc and self.proc.poll() is not None:
            raise ProcessFailed(f"{self.name} exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
        return True

    def stop(self) -> None:
        if self.proc:
            terminate(self.proc, timeout=30)


class WorkerProcess(Process):
    """A real `celery worker`, with its beat (the outbox sweep every second) unless told not to:
    of several workers on one queue, one runs the beat."""

    def __init__(
        self, env: dict[str, str], log_dir: Path, name: str = "worker", *, concurrency: int = 2, beat: bool = True
    ) -> None:
        command = [sys.executable, "-m", "celery", "-A", "web", "worker"]
        command += ["-B", "-s", str(log_dir / f"{name}.beat")] if beat else []
        command += ["--loglevel=INFO", f"--concurrency={concurrency}", "--without-gossip", "--without-mingle"]
        command += ["-n", f"{name}@%h", "-Q", env["SAYARA_INSTANCE"]]
        super().__init__(name, command, env=env, log_dir=log_dir)

    def ready(self) -> bool:
        return super().ready() and b"ready." in self.log.read_bytes()


class WebProcess(Process):
    """The ASGI server (uvicorn) on a free port, for tests over real HTTP."""

    def __init__(self, env: dict[str, str], log_dir: Path, name: str = "web", workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "uvicorn", "web.asgi:application", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--workers", str(workers), "--log-level", "warning"]
        super().__init__(name, command, env=env, log_dir=log_dir)

    def ready(self) -> bool:
        if not super().ready():
            return False
        try:
            return requests.get(f"{self.url}/healthz", timeout=2).ok
        except requests.RequestException:
            return False


class RedisProcess(Process):
    """A private Redis (never the shared one): tests may stop it."""

    def __init__(self, log_dir: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        data = log_dir / f"redis-{self.port}"
        data.mkdir(exist_ok=True)
        command = [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--dir",
            str(data),
            "--appendonly",
            "yes",
            "--save",
            "",
        ]
        super().__init__(f"redis-{self.port}", command, env=dict(os.environ), log_dir=log_dir)

    def ready(self) -> bool:
        if not super().ready():
            return False
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def opensearch_config(*, cluster_transport_ports: list[int] | None = None, transport_port: int | None = None) -> str:
    """opensearch.yml of a node: the settings every node shares (scripts/opensearch/opensearch.yml),
    then a single node's discovery, or a cluster member's (its transport port, its peers)."""
    shared = (ROOT / "scripts" / "opensearch" / "opensearch.yml").read_text()
    if not cluster_transport_ports:
        return shared + "discovery.type: single-node\n"
    peers = ", ".join(f'"127.0.0.1:{port}"' for port in cluster_transport_ports)
    # The runner names every node "Node 1" (one per JVM), so the first managers are named by address.
    return (
        shared
        + f"transport.port: {transport_port}\ndiscovery.seed_hosts: [{peers}]\ncluster.initial_cluster_manager_nodes: [{peers}]\n"
    )


class OpenSearchProcess(Process):
    """A private OpenSearch node (never the shared one): tests may stop it.

    Started like scripts/lib.sh starts the dev node, from the runner's classpath:
    on its own, or as a member of a cluster (OpenSearchCluster). Its data lives
    under `home` (by default in the log folder), so a restart keeps it.
    """

    start_seconds = 300  # a JVM joining a cluster on a loaded machine takes minutes

    def __init__(
        self,
        log_dir: Path,
        port: int | None = None,
        *,
        heap: str = "384m",
        home: Path | None = None,
        cluster: str = "",
        transport_port: int | None = None,
        cluster_transport_ports: list[int] | None = None,
    ) -> None:
        # The runner refuses HTTP ports above 9299.
        self.port = port or free_port(9250, 9299)
        self.url = f"http://127.0.0.1:{self.port}"
        self.home = home or log_dir / f"opensearch-{self.port}"
        conf = self.home / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "opensearch.yml").write_text(
            opensearch_config(cluster_transport_ports=cluster_transport_ports, transport_port=transport_port)
        )
        shutil.copy(ROOT / "scripts" / "opensearch" / "log4j2.properties", conf / "log4j2.properties")
        classpath = (STATE_DIR / "opensearch" / "classpath.txt").read_text().strip()
        command = [
            "java", f"-Xms{heap}", f"-Xmx{heap}", "-Djava.awt.headless=true", "-cp", classpath,
            "org.codelibs.opensearch.runner.OpenSearchRunner", "-basePath", str(self.home / "node"), "-confPath", str(conf),
            "-numOfNode", "1", "-clusterName", cluster or f"private-{self.port}", "-baseHttpPort", str(self.port - 1),
        ]  # fmt: skip
        super().__init__(f"opensearch-{self.port}", command, env=dict(os.environ), log_dir=log_dir)

    def ready(self) -> bool:
        if not super().ready():
            return False
        try:
            return requests.get(f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=3).ok
        except requests.RequestException:
            return False

    def kill(self) -> None:
        """SIGKILL: the node vanishes mid-request, as a crashed JVM or a lost machine does."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


class OpenSearchCluster:
    """Three (or `size`) OpenSearch nodes, one JVM each, on loopback: every node
    holds data and may be elected cluster manager, as in a small production cluster."""

    def __init__(self, log_dir: Path, *, size: int = 3, heap: str = "320m", name: str = "") -> None:
        http = free_ports(size, 9250, 9299)  # the runner refuses HTTP ports above 9299
        transport = free_ports(size, 9400, 9600)
        self.name = name or f"private-cluster-{http[0]}"
        self.nodes = [
            OpenSearchProcess(
                log_dir, port, heap=heap, cluster=self.name, transport_port=tport, cluster_transport_ports=transport
            )
            for port, tport in zip(http, transport, strict=True)
        ]  # fmt: skip
        self.url = ",".join(node.url for node in self.nodes)

    def start(self) -> "OpenSearchCluster":
        for node in self.nodes:  # all at once: a lone first node would wait for the others to elect
            self._launch(node)
        for attempt in range(3):
            try:
                self.wait_for("green", nodes=len(self.nodes), timeout=180)
                return self
            except ProcessFailed:
                exited = [node for node in self.nodes if node.proc is not None and node.proc.poll() is not None]
                if attempt == 2 or not exited:
                    self.stop()
                    raise
                # The runner gives up (exit 1) when the cluster forms slower than it waits,
                # as on a loaded machine: start the nodes that gave up again.
                for node in exited:
                    self._launch(node)
        return self

    @staticmethod
    def _launch(node: OpenSearchProcess) -> None:
        node.proc = subprocess.Popen(node.command, cwd=ROOT, env=node.env, stdout=node.log.open("ab"), stderr=subprocess.STDOUT)

    def health(self, *, via: list[OpenSearchProcess] | None = None, params: str = "") -> dict:
        """The cluster's health, asked of the first node that answers."""
        for node in via or self.nodes:
            if node.proc is None or node.proc.poll() is not None:
                continue
            try:
                return requests.get(f"{node.url}/_cluster/health{params}", timeout=70).json()
            except (requests.RequestException, ValueError):
                continue
        raise ProcessFailed("no node of the cluster answers")

    def wait_for(self, status: str, *, nodes: int, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        last: dict = {}
        while time.monotonic() < deadline:
            for node in self.nodes:
                if node.proc is not None and node.proc.poll() is not None and node.proc.returncode not in (-9, 0, 143):
                    raise ProcessFailed(f"{node.name} exited with {node.proc.returncode}:\n{node.log.read_text()[-3000:]}")
            try:
                last = self.health(params=f"?wait_for_status={status}&wait_for_nodes={nodes}&timeout=5s")
            except ProcessFailed:
                last = {}
            if last.get("status") == status or (status == "yellow" and last.get("status") == "green"):
                if last.get("number_of_nodes") == nodes and not last.get("timed_out"):
                    return last
            time.sleep(0.5)
        raise ProcessFailed(f"the cluster was not {status} with {nodes} nodes in {timeout}s: {last}")

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()


class PostgresProcess(Process):
    """A private PostgreSQL node (never the shared one): tests may crash it.

    Configured like the dev node (scripts/postgres/sayara.conf), with `settings`
    on top; data in a fresh folder, trust authentication on loopback.
    """

    def __init__(self, log_dir: Path, port: int | None = None, **settings: str) -> None:
        self.port = port or free_port()
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
        self.bin = bins[-1]
        # Outside pytest's private temp folders: the server runs as `postgres` when we are root.
        self.data = Path(tempfile.mkdtemp(prefix=f"sayara-pg-{self.port}-"))
        user = "postgres" if os.getuid() == 0 else None
        if user:
            shutil.chown(self.data, user)
        subprocess.run(
            [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
            check=True, capture_output=True, user=user, cwd="/",
        )  # fmt: skip
        conf = (ROOT / "scripts" / "postgres" / "sayara.conf").read_text()
        extra = "".join(f"{name} = '{value}'\n" for name, value in settings.items())
        with (self.data / "postgresql.conf").open("a") as file:
            file.write(f"{conf}\nunix_socket_directories = ''\n{extra}")
        command = [str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port)]
        super().__init__(f"postgres-{self.port}", command, env=dict(os.environ), log_dir=log_dir)
        self.user = user

    def ready(self) -> bool:
        if not super().ready():
            return False
        answer = subprocess.run(
            [str(self.bin / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)], check=False, capture_output=True
        )
        return answer.returncode == 0

    def psql(self, sql: str, *, database: str = "postgres", stdin: bytes | None = None) -> str:
        command = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        command += ["-d", database] + (["-c", sql] if sql else [])
        return subprocess.run(command, input=stdin, check=True, capture_output=True).stdout.decode()

    def crash(self) -> None:
        """An immediate shutdown: no checkpoint, no goodbye to the clients (`pg_ctl stop -m immediate`)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        # A fast shutdown (SIGINT): the default (SIGTERM) waits for every client to leave.
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            self.proc.wait(timeout=60)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.data, ignore_errors=True)
