"""Fixtures shared by every test: real PostgreSQL, Redis, search engine and a
real Celery worker process (scripts/test.sh starts the services)."""

import os
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from scripts.processes import ROOT, OpenSearchProcess, RedisProcess, WebProcess, WorkerProcess


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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    # Test users need a password, not a slow one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_catalog_labels() -> None:
    # Each test makes its own catalog rows; labels cached by an earlier test would be stale.
    from core.catalog import selectors

    selectors._labels = None


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


# --- real processes -------------------------------------------------------------------


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


@pytest.fixture(scope="module")
def celery_worker(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProcess]:
    """The real worker, for one module at a time: modules that stop services run
    their own worker against private instances, and two workers would race for
    the same outbox rows."""
    worker = WorkerProcess(worker_env(), tmp_path_factory.mktemp("worker"))
    worker.start()
    yield worker
    worker.stop()


__all__ = ["ROOT", "OpenSearchProcess", "RedisProcess", "WebProcess", "WorkerProcess", "wait_until", "worker_env"]
