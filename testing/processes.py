"""Waiting on real processes, and the environment they run in (the test database, this instance's queue)."""

import os
import socket
import time
from collections.abc import Callable

import pytest
from django.conf import settings

# Nothing listens here: the cache is "down" for a test that sets settings.CACHES to it.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


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


def dead_redis_url() -> str:
    """A Redis URL where nothing listens (a Redis that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
