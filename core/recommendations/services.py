"""Writes of the recommender: signals as they happen, a subject's choices
(off, clear), the periodic neighbours job and the purge."""

import datetime
import logging

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core.events.selectors import listing_event_counts
from core.listings.models import Listing, ListingStatus
from core.recommendations.cooccurrence import item_neighbors
from core.recommendations.models import ListingNeighbors, Signal, Subject
from core.recommendations.selectors import training_histories, user_subject_key
from core.recommendations.weights import WINDOW_DAYS, SignalKind

logger = logging.getLogger(__name__)

# Signals a subject records themselves (the others are read where they live).
RECORDED_KINDS = frozenset({SignalKind.VIEW, SignalKind.LONG_VIEW, SignalKind.PHOTO_SWIPE, SignalKind.CONTACT_CLICK})
POPULARITY_DAYS = 14
# A subject's last_seen_at moves at most this often (one UPDATE a day, not one per view).
SEEN_GRANULARITY = datetime.timedelta(hours=1)
NEIGHBORS_LOCK = 720_020  # pg advisory lock: one recompute at a time


def subject_ensure(*, key: str, user_id: int | None = None) -> Subject:
    """The subject with this key, created on first use (safe under races)."""
    Subject.objects.bulk_create([Subject(key=key, user_id=user_id)], ignore_conflicts=True)
    return Subject.objects.get(key=key)


def subject_for_user(*, user_id: int) -> Subject:
    return subject_ensure(key=user_subject_key(user_id), user_id=user_id)


def signal_record(*, subject_key: str, user_id: int | None, listing_id: int, kind: str) -> bool:
    """Remember that a subject did `kind` with a listing, unless they turned
    recommendations off, the listing is not active or it is their own."""
    if kind not in RECORDED_KINDS:
        raise ValueError(f"Unknown signal {kind!r}")
    seller_id = Listing.objects.filter(pk=listing_id, status=ListingStatus.ACTIVE).values_list("seller_id", flat=True).first()
    if seller_id is None or seller_id == user_id:
        return False
    subject = subject_ensure(key=subject_key, user_id=user_id)
    if not subject.enabled:
        return False
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(  # the table name is ours, every value a parameter
            f"""INSERT INTO {Signal._meta.db_table} (subject_id, listing_id, kind, count, last_at)
                VALUES (%s, %s, %s, 1, %s)
                ON CONFLICT (subject_id, listing_id, kind)
                DO UPDATE SET count = {Signal._meta.db_table}.count + 1, last_at = EXCLUDED.last_at""",  # noqa: S608
            [subject.pk, listing_id, kind, now],
        )
    if now - subject.last_seen_at > SEEN_GRANULARITY:
        Subject.objects.filter(pk=subject.pk).update(last_seen_at=now)
    return True


@transaction.atomic
def history_clear(*, subject: Subject) -> None:
    """Forget what the subject did: recorded signals go, and favourites, messages
    and saved searches from before now stop shaping recommendations."""
    Signal.objects.filter(subject=subject).delete()
    subject.history_cleared_at = timezone.now()
    subject.save(update_fields=["history_cleared_at"])


@transaction.atomic
def recommendations_set_enabled(*, subject: Subject, enabled: bool) -> Subject:
    """Turn recommendations on or off. Off forgets the history at once and stops recording it."""
    if not enabled:
        history_clear(subject=subject)
    subject.enabled = enabled
    subject.save(update_fields=["enabled"])
    return subject


def visitor_history_adopt(*, visitor_key: str, user_id: int) -> int:
    """A visitor signed in: their browser's signals become their account's
    (unless either turned recommendations off); the browser's subject goes."""
    visitor = Subject.objects.filter(key=visitor_key, user__isnull=True).first()
    if visitor is None:
        return 0
    with transaction.atomic():
        target = subject_for_user(user_id=user_id)
        moved = 0
        if visitor.enabled and target.enabled:
            for signal in Signal.objects.filter(subject=visitor):
                Signal.objects.update_or_create(
                    subject=target,
                    listing_id=signal.listing_id,
                    kind=signal.kind,
                    defaults={"count": signal.count, "last_at": signal.last_at},
                )
                moved += 1
        visitor.delete()
    return moved


def neighbors_recompute(*, now: datetime.datetime | None = None) -> int:
    """The periodic job: item-to-item neighbours from every subject's history,
    and each listing's popularity from the recorded events. The reads run
    outside any transaction (each query lets its locks go at once); the table
    is replaced in one short transaction (readers see the old rows until it
    commits). A run that finds another one running skips."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [NEIGHBORS_LOCK])
        if not cursor.fetchone()[0]:
            logger.info("recommendations.recompute_skipped", extra={"reason": "running"})
            return 0
    try:
        neighbors = item_neighbors(training_histories(now=now))
        popularity = listing_event_counts(since=timezone.localdate(now) - datetime.timedelta(days=POPULARITY_DAYS - 1))
        rows = [
            ListingNeighbors(
                listing_id=listing_id,
                neighbors=[[other, score] for other, score in neighbors.get(listing_id, [])],
                popularity=float(popularity.get(listing_id, 0)),
                computed_at=now,
            )
            for listing_id in neighbors.keys() | popularity.keys()
        ]
        with transaction.atomic():
            ListingNeighbors.objects.all().delete()
            ListingNeighbors.objects.bulk_create(rows, batch_size=2000)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [NEIGHBORS_LOCK])
    logger.info("recommendations.recomputed", extra={"listings": len(rows)})
    return len(rows)


def signals_purge(*, now: datetime.datetime | None = None) -> int:
    """Signals older than the window, and visitors' subjects unused for RECOMMENDATIONS_VISITOR_DAYS."""
    now = now or timezone.now()
    old, _ = Signal.objects.filter(last_at__lt=now - datetime.timedelta(days=WINDOW_DAYS)).delete()
    idle = now - datetime.timedelta(days=settings.RECOMMENDATIONS_VISITOR_DAYS)
    visitors, _ = Subject.objects.filter(user__isnull=True, last_seen_at__lt=idle).delete()
    return old + visitors
