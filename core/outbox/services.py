"""Recording changes for the search index, inside the writer's transaction."""

import logging
import threading
import time
from collections.abc import Callable, Iterable

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.db import transaction

from core.outbox.models import OutboxEntry

logger = logging.getLogger(__name__)

# The relay lives in indexer/ (which core must not import): ask for it by name.
RELAY_TASK = "indexer.relay_outbox"
# After the broker refused a request, ask again no sooner than this: the beat
# sweep delivers the rows anyway.
BROKER_BACKOFF_SECONDS = 5.0


def outbox_record(*, listing_id: int, version: int) -> None:
    """Record that a listing changed; must run inside the write's transaction."""
    OutboxEntry.objects.create(listing_id=listing_id, version=version)
    transaction.on_commit(_relay_requests.want, robust=True)


def outbox_record_many(*, changes: Iterable[tuple[int, int]]) -> int:
    """Record many (listing_id, version) changes with one insert."""
    rows = [OutboxEntry(listing_id=listing_id, version=version) for listing_id, version in changes]
    if rows:
        OutboxEntry.objects.bulk_create(rows, batch_size=5000)
        transaction.on_commit(_relay_requests.want, robust=True)
    return len(rows)


def task_request(name: str, *, failure_event: str) -> bool:
    """Ask a worker to run task `name` now; False if the broker refused (a beat sweep runs it anyway)."""
    try:
        current_app.send_task(name, retry=False)
    except (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError) as exc:
        logger.warning(failure_event, extra={"error": str(exc)})
        return False
    return True


def outbox_request_relay() -> bool:
    """Ask a worker to relay now; False if the broker refused. The sweep relays anyway."""
    return task_request(RELAY_TASK, failure_event="outbox.relay_request_failed")


class TaskRequests:
    """Writes never wait on the broker: a committed write only raises a flag,
    and one thread per process asks for the task whenever the flag is up. A
    burst of writes becomes one request (the task drains everything due),
    and while the broker refuses, the thread asks once per back-off."""

    def __init__(self, task: str, ask: Callable[[], bool]) -> None:
        self.task, self.ask = task, ask
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def want(self) -> None:
        self._wanted.set()
        # Started on first use; again in a forked worker process (threads do not survive a fork).
        if self._thread is None or not self._thread.is_alive():
            with self._lock:
                if self._thread is None or not self._thread.is_alive():
                    self._thread = threading.Thread(target=self._run, name=f"requests-{self.task}", daemon=True)
                    self._thread.start()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if not self.ask():
                time.sleep(BROKER_BACKOFF_SECONDS)


_relay_requests = TaskRequests(RELAY_TASK, outbox_request_relay)
