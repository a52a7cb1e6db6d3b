"""The outbox relay: committed changes → the search index.

Claims outbox rows (FOR UPDATE SKIP LOCKED, in batches), sends the current
state of each listing in one `_bulk` with its version (version_type=external;
a 409 means the index already holds that version or newer, which is success),
and deletes the rows only after the engine acknowledged them. A row whose
write keeps failing waits with a growing backoff and never blocks the others.
"""

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError

from core.listings.selectors import listing_index_rows_by_ids
from core.outbox.models import OutboxEntry
from indexer.documents import listing_op
from indexer.index_admin import ensure_listings_index
from search.engine import get_engine
from search.engines.base import BulkOp

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_BATCHES = 40
MAX_BACKOFF_SECONDS = 600
# After this many failed attempts a row is reported as stuck (metrics, logs).
STUCK_AFTER_ATTEMPTS = 5
LAST_RELAY_KEY = "indexer:last_relay"


@dataclass
class RelayStats:
    batches: int = 0
    sent: int = 0
    failed: int = 0
    errors: dict[str, str] = field(default_factory=dict)


def backoff_seconds(attempts: int) -> int:
    return min(MAX_BACKOFF_SECONDS, 2 ** min(attempts, 10))


def _ops_for(entries: list[OutboxEntry], alias: str) -> list[BulkOp]:
    rows = listing_index_rows_by_ids({entry.listing_id for entry in entries})
    newest: dict[int, int] = {}
    for entry in entries:
        newest[entry.listing_id] = max(entry.version, newest.get(entry.listing_id, 0))
    ops = []
    for listing_id, version in newest.items():
        row = rows.get(listing_id)
        if row is None:
            # The row is gone for good (deleted outside the services): remove it.
            ops.append(BulkOp("delete", alias, str(listing_id), version))
        else:
            ops.append(listing_op(row, index=alias))
    return ops


def relay_batch(*, batch_size: int = BATCH_SIZE) -> tuple[int, int, dict[str, str]]:
    """Relay one batch; return (listings sent, listings failed, errors by id).

    Raises EngineUnavailable when the engine cannot be reached: the claimed
    rows are released untouched (the transaction rolls back) for a later try.
    """
    with transaction.atomic():
        entries = list(
            OutboxEntry.objects.select_for_update(skip_locked=True)
            .filter(available_at__lte=timezone.now())
            .order_by("id")[:batch_size]
        )
        if not entries:
            return 0, 0, {}
        # Only when there is something to send: the sweep runs every 2 s.
        alias = ensure_listings_index()
        ops = _ops_for(entries, alias)
        results = get_engine().bulk(ops)
        failed = {result.id: result.error or f"status {result.status}" for result in results if not result.ok}
        done = [entry.pk for entry in entries if str(entry.listing_id) not in failed]
        OutboxEntry.objects.filter(pk__in=done).delete()
        now = timezone.now()
        for entry in entries:
            if str(entry.listing_id) in failed:
                entry.attempts += 1
                entry.available_at = now + timedelta(seconds=backoff_seconds(entry.attempts))
                entry.last_error = failed[str(entry.listing_id)][:2000]
                entry.save(update_fields=["attempts", "available_at", "last_error"])
                log = logger.error if entry.attempts >= STUCK_AFTER_ATTEMPTS else logger.warning
                log(
                    "relay.write_failed",
                    extra={"listing_id": entry.listing_id, "attempts": entry.attempts, "error": entry.last_error},
                )
        return len(ops) - len(failed), len(failed), failed


def relay_outbox(*, batch_size: int = BATCH_SIZE, max_batches: int = MAX_BATCHES) -> RelayStats:
    """Relay until the outbox has nothing due (or max_batches were sent)."""
    stats = RelayStats()
    for _ in range(max_batches):
        sent, failed, errors = relay_batch(batch_size=batch_size)
        if sent == 0 and failed == 0:
            break
        stats.batches += 1
        stats.sent += sent
        stats.failed += failed
        stats.errors.update(errors)
        if sent == 0:
            break  # only failing rows are due: they wait for their backoff
    try:
        cache.set(LAST_RELAY_KEY, time.time(), timeout=None)
    except RedisError:  # the relay's bookkeeping must not fail the relay
        logger.warning("relay.last_relay_not_recorded")
    if stats.sent or stats.failed:
        logger.info("relay.done", extra={"sent": stats.sent, "failed": stats.failed, "batches": stats.batches})
    return stats
