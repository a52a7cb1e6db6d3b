"""Reads of the recorded events: what buyers search for, what finds nothing,
which models they look at (GET /api/v1/analytics/search)."""

import datetime
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import timezone

from core.events.models import ListingEvent, ListingEventKind, SearchEvent


def events_since(*, days: int) -> datetime.date:
    """The first day of a window of `days` days ending today (Asia/Bahrain)."""
    return timezone.localdate() - datetime.timedelta(days=days - 1)


def search_top_queries(*, since: datetime.date, limit: int) -> list[dict[str, Any]]:
    rows = (
        SearchEvent.objects.filter(day__gte=since)
        .exclude(q="")
        .values("q")
        .annotate(count=Count("id"), zero_result_count=Count("id", filter=Q(zero_results=True)), avg=Avg("result_count"))
        .order_by("-count", "q")[:limit]
    )
    return [
        {"q": row["q"], "count": row["count"], "zero_result_count": row["zero_result_count"], "avg_results": round(row["avg"], 1)}
        for row in rows
    ]


def search_zero_result_queries(*, since: datetime.date, limit: int) -> list[dict[str, Any]]:
    rows = (
        SearchEvent.objects.filter(day__gte=since, zero_results=True)
        .exclude(q="")
        .values("q")
        .annotate(count=Count("id"), days_seen=Count("day", distinct=True))
        .order_by("-count", "q")[:limit]
    )
    return [{"q": row["q"], "count": row["count"], "days_seen": row["days_seen"]} for row in rows]


def listing_most_viewed_models(*, since: datetime.date, limit: int) -> list[dict[str, Any]]:
    rows = (
        ListingEvent.objects.filter(day__gte=since)
        .values("make", "model")
        .annotate(
            views=Count("id", filter=Q(kind=ListingEventKind.VIEW)),
            contact_clicks=Count("id", filter=Q(kind=ListingEventKind.CONTACT_CLICK)),
            listings=Count("listing_id", distinct=True),
        )
        .order_by("-views", "-contact_clicks", "make", "model")[:limit]
    )
    return [dict(row) for row in rows]


def search_event_totals(*, since: datetime.date) -> dict[str, int]:
    searches = SearchEvent.objects.filter(day__gte=since).aggregate(
        searches=Count("id"), zero_result_searches=Count("id", filter=Q(zero_results=True))
    )
    listing_events = ListingEvent.objects.filter(day__gte=since).aggregate(
        views=Count("id", filter=Q(kind=ListingEventKind.VIEW)),
        contact_clicks=Count("id", filter=Q(kind=ListingEventKind.CONTACT_CLICK)),
    )
    return {**searches, **listing_events}


def search_event_report(*, days: int, limit: int) -> dict[str, Any]:
    """Buyers' behaviour over the last `days` days (today included)."""
    since = events_since(days=days)
    return {
        "days": days,
        "since": since.isoformat(),
        "totals": search_event_totals(since=since),
        "top_queries": search_top_queries(since=since, limit=limit),
        "zero_result_queries": search_zero_result_queries(since=since, limit=limit),
        "most_viewed_models": listing_most_viewed_models(since=since, limit=limit),
    }


def listing_event_counts(*, since: datetime.date) -> dict[int, int]:
    """Listing id → its recorded events (views, contact clicks, …) since `since`:
    how much buyers look at each listing (the recommender's popularity)."""
    rows = ListingEvent.objects.filter(day__gte=since).values("listing_id").annotate(count=Count("id"))
    return dict(rows.values_list("listing_id", "count"))
