"""Fixtures shared by every test: real PostgreSQL, Redis, search engine and a
real Celery worker process (scripts/test.sh starts the services)."""

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    # Never let a test run touch the development index or queue.
    if not settings.SAYARA_INSTANCE.startswith("test"):
        pytest.exit("Run the tests with `make test` (or set SAYARA_INSTANCE=test).", returncode=2)


def wait_until(check: Callable[[], object], *, timeout: float = 10.0, interval: float = 0.05, message: str = "") -> object:
    """Poll until `check()` returns something truthy; fail the test after `timeout`."""
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for {message or check}; last value: {last!r}")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def unique() -> str:
    """A word no other listing has, to find a test's own listings by text."""
    return "zq" + uuid.uuid4().hex[:10]


# --- the search index ----------------------------------------------------------


@pytest.fixture
def fresh_index() -> Iterator[str]:
    """An empty listings index behind the test alias."""
    from indexer.index_admin import ensure_listings_index
    from search.engine import get_engine
    from search.index import listings_alias

    engine = get_engine()
    for index in engine.indices_for_alias(listings_alias()):
        engine.delete_index(index)
    yield ensure_listings_index()


# --- the Celery worker -----------------------------------------------------------


class WorkerProcess:
    """A real `celery worker` (with beat) reading the test database."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        beat_schedule = self.log.with_suffix(".beat")
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "web", "worker", "-B", "-s", str(beat_schedule),
                "--loglevel=INFO", "--concurrency=2", "--without-gossip", "--without-mingle",
                "-Q", self.env["SAYARA_INSTANCE"],
            ],
            cwd=ROOT, env=self.env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(lambda: b"ready." in self.log.read_bytes(), timeout=60, interval=0.2, message="the Celery worker")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def worker_env(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "SAYARA_INSTANCE": settings.SAYARA_INSTANCE,
            # After django_db_setup, NAME is the test database's.
            "POSTGRES_DB": settings.DATABASES["default"]["NAME"],
            "OUTBOX_SWEEP_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


@pytest.fixture(scope="session")
def mail_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the worker and the ASGI server write their e-mails (one file per send)."""
    return tmp_path_factory.mktemp("mail")


def mail_env(mail_dir: Path) -> dict[str, str]:
    return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(mail_dir)}


@pytest.fixture(scope="session")
def celery_worker(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory, mail_dir: Path) -> Iterator[WorkerProcess]:
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    # Saved-search alerts every second instead of every 30 (web/tasks/alerts.py).
    worker = WorkerProcess(worker_env(ALERTS_INTERVAL_SECONDS="1", **mail_env(mail_dir)), log)
    worker.start()
    yield worker
    worker.stop()


# --- the ASGI server ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_uvicorn(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn on a free port and its base URL; "" when it exited (the port was taken meanwhile)."""
    import requests

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "web.asgi:application", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def answered() -> str | None:
        if proc.poll() is not None:
            return "exited"
        try:
            return "up" if requests.get(f"{base}/healthz", timeout=2).status_code == 200 else None
        except requests.RequestException:
            return None

    state = wait_until(answered, timeout=90, interval=0.2, message=f"the ASGI server (log: {log})")
    return proc, base if state == "up" else ""


@pytest.fixture(scope="session")
def asgi_server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory, mail_dir: Path) -> Iterator[str]:
    """The base URL of a real `uvicorn web.asgi:application` reading the test database.

    Tests that use it must be transactional (django_db(transaction=True)) so the
    server sees their rows.
    """
    log = tmp_path_factory.mktemp("asgi") / "uvicorn.log"
    # Every test signs in from 127.0.0.1: the per-address limit would add up
    # across tests and runs; its own tests use other addresses.
    env = worker_env(LOGIN_IP_MAX_FAILURES="1000000", **mail_env(mail_dir))
    for _ in range(3):
        proc, base = start_uvicorn(env, log)
        if base:
            break
    else:
        pytest.fail(f"uvicorn did not start: {log.read_text()[-2000:]}")
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
