"""How far the index is behind PostgreSQL: for /metrics and /readyz."""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Min
from django.utils import timezone
from redis.exceptions import RedisError

from core.listings.models import Listing
from core.outbox.models import OutboxEntry
from indexer.documents import INDEXED_STATUSES
from indexer.relay import LAST_RELAY_KEY, STUCK_AFTER_ATTEMPTS
from search.engine import get_engine
from search.index import listings_alias


@dataclass(frozen=True)
class OutboxLag:
    backlog: int  # outbox rows not yet relayed
    oldest_age_seconds: float  # age of the oldest of them (0 when empty)
    stuck: int  # rows that failed STUCK_AFTER_ATTEMPTS times or more
    max_attempts: int
    last_relay_age_seconds: float | None  # since the relay last ran (None: unknown)


def outbox_lag() -> OutboxLag:
    totals = OutboxEntry.objects.aggregate(backlog=Count("id"), oldest=Min("created_at"), attempts=Max("attempts"))
    stuck = OutboxEntry.objects.filter(attempts__gte=STUCK_AFTER_ATTEMPTS).count()
    oldest = totals["oldest"]
    try:
        last = cache.get(LAST_RELAY_KEY)
    except RedisError:
        last = None
    return OutboxLag(
        backlog=totals["backlog"],
        oldest_age_seconds=(timezone.now() - oldest).total_seconds() if oldest else 0.0,
        stuck=stuck,
        max_attempts=totals["attempts"] or 0,
        last_relay_age_seconds=time.time() - last if last else None,
    )


@dataclass(frozen=True)
class IndexLag:
    documents: int  # documents behind the listings alias
    indexable: int  # listings that belong in the index (INDEXED_STATUSES)

    @property
    def missing(self) -> int:
        """Listings the index lacks (negative: documents it should have dropped)."""
        return self.indexable - self.documents


def index_lag() -> IndexLag:
    """Documents in the index against listings that belong there; EngineError when the engine cannot tell.

    The time the index trails by is the outbox's oldest age (outbox_lag);
    this catches what the outbox cannot see, which reconciliation repairs.
    """
    documents = get_engine().count(listings_alias())
    indexable = Listing.objects.filter(status__in=INDEXED_STATUSES).count()
    return IndexLag(documents=documents, indexable=indexable)
