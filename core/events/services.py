"""Recording what buyers do (searches, listing views, contact clicks) for
analysts, without personal data, and writing it to PostgreSQL in batches.

Recording pushes to a Redis buffer (core/events/buffer.py) and never fails the
request; a beat task calls events_drain every few seconds.
"""

import datetime
import logging
import re
import time
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

from core.accounts.limits import AttemptsLimited
from core.events.buffer import buffer_pop, buffer_push, buffer_return
from core.events.models import ListingEvent, ListingEventKind, SearchEvent
from core.listings.models import Listing, ListingStatus

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
DRAIN_BATCH_SIZE = 1000
DRAIN_MAX_BATCHES = 50
SEARCH = "search"

# What people type that could name them: an email address, or a phone number
# (seven digits or more, spaces and dashes allowed between them).
EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
DIGIT_RUN = re.compile(r"\+?\d(?:[\s-]?\d){6,}")
YEAR = re.compile(r"(19[5-9]\d|20\d\d)")
# Arabic-Indic and Persian digits → Latin, so "٢٠٢٠" and "2020" count as one query.
LATIN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _mask_number(match: re.Match[str]) -> str:
    groups = re.split(r"[\s-]+", match.group(0).lstrip("+"))
    # "2015 2020" is a range of model years, not a phone number.
    if all(YEAR.fullmatch(group) for group in groups):
        return match.group(0)
    return "[phone]"


def normalized_query(q: str) -> str:
    """The text of a search as analysts count it: folded, trimmed, and with
    anything that looks like an email address or phone number masked."""
    text = unicodedata.normalize("NFKC", q).translate(LATIN_DIGITS).lower()
    text = EMAIL.sub("[email]", text)
    text = DIGIT_RUN.sub(_mask_number, text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _today() -> str:
    return timezone.localdate().isoformat()


def search_event_record(
    *,
    q: str,
    filters: Mapping[str, Sequence[str]],
    ranges: Mapping[str, tuple[int | None, int | None]],
    result_count: int,
) -> bool:
    """Record a buyer's search (its text, filters and how many results it had)."""
    event = {
        "kind": SEARCH,
        "day": _today(),
        "q": normalized_query(q),
        "filters": {**{name: list(values) for name, values in filters.items()}, **{n: list(r) for n, r in ranges.items()}},
        "result_count": result_count,
    }
    return buffer_push(event)


def _visit_key(*, day: str, visitor: str, listing_id: int, kind: str) -> str:
    # A keyed hash of who, what and which day: it cannot be turned back into the visitor,
    # and it expires with the day (docs/decisions/analytics.md, "Counting once").
    return salted_hmac("sayara.events.visit", f"{day}|{visitor}|{listing_id}|{kind}").hexdigest()[:32]


def _seconds_left_today() -> int:
    now = timezone.localtime()
    tomorrow = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return int((tomorrow - now).total_seconds()) + 1


def listing_event_rate_check(*, ip: str) -> None:
    """Raise AttemptsLimited when `ip` sent more than EVENTS_PER_ADDRESS_PER_MINUTE beacons this minute."""
    now = time.time()
    start = int(now // 60) * 60
    key = f"events:rate:{salted_hmac('sayara.events.rate', ip).hexdigest()[:24]}:{start}"
    try:
        cache.add(key, 0, timeout=60)
        count = cache.incr(key)
    except (RedisError, ValueError) as exc:
        logger.warning("events.limit_unavailable", extra={"error": str(exc)})
        return
    if count > settings.EVENTS_PER_ADDRESS_PER_MINUTE:
        raise AttemptsLimited(
            "Too many requests from your network. Try again in a minute.", retry_after=int(start + 60 - now) + 1
        )


def listing_event_record(*, kind: str, listing: Listing, viewer_id: int | None, visitor: str, ip: str) -> bool:
    """Record a view of, or a contact click on, an active listing: once per visitor,
    listing and day. A contact click counts only after that visitor's view today.

    `viewer_id` is only compared with the seller's (a seller looking at their
    own listing is no buyer's interest); `visitor` (an account, or an address
    and browser) only enters a keyed hash that expires at midnight. Neither is stored.
    """
    if kind not in ListingEventKind.values:
        raise ValueError(f"Unknown listing event {kind!r}")
    if listing.status != ListingStatus.ACTIVE or (viewer_id is not None and viewer_id == listing.seller_id):
        return False
    day = _today()
    event = {
        "kind": kind,
        "day": day,
        "listing_id": listing.pk,
        "make": listing.make.slug,
        "model": listing.model.slug,
    }
    keys = {name: _visit_key(day=day, visitor=visitor, listing_id=listing.pk, kind=name) for name in ListingEventKind.values}
    after = keys[ListingEventKind.VIEW] if kind == ListingEventKind.CONTACT_CLICK else None
    # Many people share a carrier's address, but a script changing its browser name is
    # still one address: at most EVENTS_PER_ADDRESS_PER_DAY visitors count per address.
    cap = (_visit_key(day=day, visitor=ip, listing_id=listing.pk, kind=kind), settings.EVENTS_PER_ADDRESS_PER_DAY)
    return buffer_push(event, once=keys[kind], after=after, cap=cap, ttl=_seconds_left_today())


def _row(event: dict[str, Any]) -> SearchEvent | ListingEvent:
    """The table row of a buffered event; KeyError, TypeError or ValueError when malformed."""
    day = datetime.date.fromisoformat(event["day"])
    if event["kind"] == SEARCH:
        count = int(event["result_count"])
        filters = event.get("filters") or {}
        if not isinstance(filters, dict):
            raise TypeError("filters")
        return SearchEvent(
            day=day, q=str(event.get("q") or "")[:MAX_QUERY_CHARS], filters=filters, result_count=count, zero_results=count == 0
        )
    if event["kind"] not in ListingEventKind.values:
        raise ValueError(event["kind"])
    return ListingEvent(
        kind=event["kind"],
        day=day,
        listing_id=int(event["listing_id"]),
        make=str(event["make"])[:50],
        model=str(event["model"])[:60],
    )


def _write(events: list[dict[str, Any]]) -> int:
    searches: list[SearchEvent] = []
    listing_events: list[ListingEvent] = []
    for event in events:
        try:
            row = _row(event)
        except (KeyError, TypeError, ValueError):
            # One bad event must not hold back the batch it came in.
            logger.warning("events.malformed", extra={"kind": str(event.get("kind"))[:30]})
            continue
        (searches if isinstance(row, SearchEvent) else listing_events).append(row)  # type: ignore[arg-type]
    with transaction.atomic():
        SearchEvent.objects.bulk_create(searches)
        ListingEvent.objects.bulk_create(listing_events)
    return len(searches) + len(listing_events)


def events_drain(*, batch_size: int = DRAIN_BATCH_SIZE, max_batches: int = DRAIN_MAX_BATCHES) -> int:
    """Move buffered events into PostgreSQL in batches; return how many were written.

    A batch the database refuses goes back to the buffer for the next run.
    """
    written = 0
    for _ in range(max_batches):
        try:
            events = buffer_pop(batch_size)
        except (RedisError, OSError) as exc:
            logger.warning("events.drain_redis_unavailable", extra={"error": str(exc)})
            break
        if not events:
            break
        try:
            written += _write(events)
        except DatabaseError:
            try:
                buffer_return(events)
            except (RedisError, OSError):
                logger.error("events.batch_lost", extra={"events": len(events)})
            raise
        if len(events) < batch_size:
            break
    if written:
        logger.info("events.drained", extra={"events": written})
    return written


def events_purge(*, older_than_days: int) -> int:
    """Delete events older than the retention period; return how many."""
    cutoff = timezone.localdate() - datetime.timedelta(days=older_than_days)
    searches, _ = SearchEvent.objects.filter(day__lt=cutoff).delete()
    listing_events, _ = ListingEvent.objects.filter(day__lt=cutoff).delete()
    return searches + listing_events
