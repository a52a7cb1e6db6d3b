"""Analysts' report of buyers' behaviour, from recorded events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.events.models import ListingEvent, SearchEvent
from core.events.selectors import search_event_report

pytestmark = pytest.mark.django_db


def searched(q: str, results: int, *, days_ago: int = 0, times: int = 1) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    SearchEvent.objects.bulk_create(
        SearchEvent(day=day, q=q, result_count=results, zero_results=results == 0) for _ in range(times)
    )


def looked(kind: str, make: str, model: str, *, listing_id: int = 1, days_ago: int = 0, times: int = 1) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    ListingEvent.objects.bulk_create(
        ListingEvent(kind=kind, day=day, listing_id=listing_id, make=make, model=model) for _ in range(times)
    )


def test_report_ranks_queries_and_models_within_the_window():
    # given searches and views over the last weeks, some older than the window
    searched("land cruiser", 12, times=3)
    searched("land cruiser", 0)
    searched("patrol", 8, times=2, days_ago=6)
    searched("bugatti", 0, times=2, days_ago=1)
    searched("", 40, times=5)  # browsing by filters only
    searched("corolla", 5, times=9, days_ago=7)  # before a 7-day window
    looked("view", "toyota", "land-cruiser", times=4, listing_id=1)
    looked("view", "toyota", "land-cruiser", times=1, listing_id=2)
    looked("contact_click", "toyota", "land-cruiser", times=2)
    looked("view", "nissan", "patrol", times=6, days_ago=3)
    looked("view", "kia", "rio", times=50, days_ago=10)

    # when an analyst asks for the last seven days
    report = search_event_report(days=7, limit=10)

    # then the counts cover those days only
    assert report["since"] == (timezone.localdate() - timedelta(days=6)).isoformat()
    assert report["totals"] == {"searches": 13, "zero_result_searches": 3, "views": 11, "contact_clicks": 2}
    assert report["top_queries"] == [
        {"q": "land cruiser", "count": 4, "zero_result_count": 1, "avg_results": 9.0},
        {"q": "bugatti", "count": 2, "zero_result_count": 2, "avg_results": 0.0},
        {"q": "patrol", "count": 2, "zero_result_count": 0, "avg_results": 8.0},
    ]
    assert report["zero_result_queries"] == [
        {"q": "bugatti", "count": 2, "days_seen": 1},
        {"q": "land cruiser", "count": 1, "days_seen": 1},
    ]
    assert report["most_viewed_models"] == [
        {"make": "nissan", "model": "patrol", "views": 6, "contact_clicks": 0, "listings": 1},
        {"make": "toyota", "model": "land-cruiser", "views": 5, "contact_clicks": 2, "listings": 2},
    ]


def test_report_limits_each_list():
    for n in range(5):
        searched(f"query {n}", 0, times=n + 1)

    report = search_event_report(days=30, limit=2)

    assert [row["q"] for row in report["top_queries"]] == ["query 4", "query 3"]
    assert [row["q"] for row in report["zero_result_queries"]] == ["query 4", "query 3"]


def test_an_empty_report_is_all_zeros():
    report = search_event_report(days=30, limit=20)

    assert report["totals"] == {"searches": 0, "zero_result_searches": 0, "views": 0, "contact_clicks": 0}
    assert report["top_queries"] == report["zero_result_queries"] == report["most_viewed_models"] == []
