"""Recording changes for the search index, inside the writer's transaction."""

import logging
import time
from collections.abc import Iterable

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.db import transaction

from core.outbox.models import OutboxEntry

logger = logging.getLogger(__name__)

# The relay lives in indexer/ (which core must not import): ask for it by name.
RELAY_TASK = "indexer.relay_outbox"
# After the broker refused a request, writes skip asking for this long: the
# beat sweep delivers their rows anyway, and a write must never wait on Redis.
BROKER_BACKOFF_SECONDS = 5.0
_broker_down_until = 0.0


def outbox_record(*, listing_id: int, version: int) -> None:
    """Record that a listing changed; must run inside the write's transaction."""
    OutboxEntry.objects.create(listing_id=listing_id, version=version)
    transaction.on_commit(outbox_request_relay, robust=True)


def outbox_record_many(*, changes: Iterable[tuple[int, int]]) -> int:
    """Record many (listing_id, version) changes with one insert."""
    rows = [OutboxEntry(listing_id=listing_id, version=version) for listing_id, version in changes]
    if rows:
        OutboxEntry.objects.bulk_create(rows, batch_size=5000)
        transaction.on_commit(outbox_request_relay, robust=True)
    return len(rows)


def outbox_request_relay() -> None:
    """Ask a worker to relay now. Failure is fine: the sweep relays later."""
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return
    try:
        current_app.send_task(RELAY_TASK, retry=False)
    except (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError) as exc:
        _broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        logger.warning("outbox.relay_request_failed", extra={"error": str(exc)})
