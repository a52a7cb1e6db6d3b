"""Fixtures shared by every test: real PostgreSQL, Redis, search engine and a
real Celery worker process (scripts/test.sh starts the services)."""

import os
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


@pytest.fixture(autouse=True)
def fresh_catalog_labels() -> None:
    """The catalog labels' per-process cache (core/catalog/selectors.py) must not
    carry one test's catalog into the next (transactional tests flush the catalog)."""
    from core.catalog import selectors

    selectors._labels = None


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


@pytest.fixture
def event_buffer(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A private, empty analytics event buffer (core/events/buffer.py): a running
    worker's beat drains the shared one, so a test draining in-process uses its own."""
    import redis

    key = settings.EVENTS_BUFFER_KEY = f"{settings.SAYARA_INSTANCE}:analytics-events:{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(settings.REDIS_URL)  # the real one, even if the test points REDIS_URL elsewhere
    yield key
    client.delete(key)


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
            "EVENTS_DRAIN_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


@pytest.fixture(scope="session")
def celery_worker(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProcess]:
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    worker = WorkerProcess(worker_env(), log)
    worker.start()
    yield worker
    worker.stop()
