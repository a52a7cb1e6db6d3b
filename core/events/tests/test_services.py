"""Recording buyers' behaviour: through the Redis buffer into PostgreSQL, with no personal data."""

import json
import logging
from datetime import timedelta

import pytest
import redis
from django.conf import settings as django_settings
from django.utils import timezone

from core.events.buffer import buffer_key, buffer_length, buffer_push
from core.events.models import ListingEvent, SearchEvent
from core.events.services import (
    events_drain,
    events_purge,
    listing_event_record,
    normalized_query,
    search_event_record,
)
from testing.accounts import fresh_ip
from testing.listings import make_listing
from testing.processes import dead_redis_url

pytestmark = pytest.mark.django_db

# Every column an event has: nothing that could say who did it.
SEARCH_EVENT_FIELDS = {"id", "day", "q", "filters", "result_count", "zero_results"}
LISTING_EVENT_FIELDS = {"id", "kind", "day", "listing_id", "make", "model"}


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("  Land   CRUISER ", "land cruiser"),
        ("لاندكروزر ٢٠٢٠", "لاندكروزر 2020"),
        ("patrol call 3612 3456", "patrol call [phone]"),
        ("+97336123456 prado", "[phone] prado"),
        ("ali.hasan@example.bh patrol", "[email] patrol"),
        ("camry 2015 2020", "camry 2015 2020"),
        ("150000 km", "150000 km"),
        ("x" * 300, "x" * 200),
    ],
)
def test_normalized_query_folds_text_and_masks_contact_details(typed, counted):
    assert normalized_query(typed) == counted


def test_a_search_reaches_postgresql_through_the_buffer(event_buffer):
    # given a buyer's search, recorded
    assert search_event_record(
        q="Land Cruiser", filters={"make": ("toyota",)}, ranges={"price": (None, 20_000_000)}, result_count=0
    )
    raw = redis.Redis.from_url(django_settings.REDIS_URL).lrange(buffer_key(), 0, -1)

    # when the buffer is drained
    written = events_drain()

    # then one row holds the normalized text, the filters and the zero-result flag
    assert written == 1
    assert buffer_length() == 0
    event = SearchEvent.objects.get()
    assert (event.q, event.result_count, event.zero_results) == ("land cruiser", 0, True)
    assert event.filters == {"make": ["toyota"], "price": [None, 20_000_000]}
    assert event.day == timezone.localdate()
    # and what waited in Redis named no one either
    assert set(json.loads(raw[0])) == {"kind", "day", "q", "filters", "result_count"}


def test_events_have_no_personal_data_columns():
    assert {field.name for field in SearchEvent._meta.get_fields()} == SEARCH_EVENT_FIELDS
    assert {field.name for field in ListingEvent._meta.get_fields()} == LISTING_EVENT_FIELDS


def test_a_view_of_an_active_listing_is_recorded_with_its_model(event_buffer):
    listing, ip = make_listing(), fresh_ip()

    assert listing_event_record(kind="view", listing=listing, viewer_id=None, visitor="v1", ip=ip)
    assert listing_event_record(kind="contact_click", listing=listing, viewer_id=None, visitor="v1", ip=ip)
    # The same visitor again the same day, and a click from a visitor who never viewed it: not counted.
    assert not listing_event_record(kind="view", listing=listing, viewer_id=None, visitor="v1", ip=ip)
    assert not listing_event_record(kind="contact_click", listing=listing, viewer_id=None, visitor="v2", ip=ip)
    events_drain()

    rows = sorted(ListingEvent.objects.values_list("kind", "listing_id", "make", "model"))
    assert rows == [
        ("contact_click", listing.pk, listing.make.slug, listing.model.slug),
        ("view", listing.pk, listing.make.slug, listing.model.slug),
    ]


def test_a_seller_looking_at_their_own_or_a_draft_listing_is_not_a_view(event_buffer):
    listing, ip = make_listing(), fresh_ip()
    draft = make_listing(publish=False)

    assert not listing_event_record(kind="view", listing=listing, viewer_id=listing.seller_id, visitor="s", ip=ip)
    assert not listing_event_record(kind="view", listing=draft, viewer_id=None, visitor="s", ip=ip)
    assert buffer_length() == 0


def test_with_redis_down_an_event_is_dropped_with_a_warning(event_buffer, settings, caplog):
    # given Redis is down
    settings.REDIS_URL = dead_redis_url()

    # when a search is recorded, twice
    with caplog.at_level(logging.WARNING, logger="core.events.buffer"):
        first = search_event_record(q="patrol", filters={}, ranges={}, result_count=3)
        second = search_event_record(q="patrol", filters={}, ranges={}, result_count=3)

    # then nothing fails: both are dropped, each with a warning, the second without trying Redis again
    assert (first, second) == (False, False)
    reasons = [record.reason for record in caplog.records if record.message == "events.dropped"]
    assert reasons == ["redis_error", "redis_backoff"]
    # and draining with Redis down writes nothing and raises nothing
    assert events_drain() == 0


def test_a_malformed_event_does_not_hold_back_its_batch(event_buffer):
    buffer_push({"kind": "search", "day": "yesterday"})
    buffer_push({"kind": "teleport", "day": "2025-01-01"})
    search_event_record(q="sunny", filters={}, ranges={}, result_count=4)

    assert events_drain() == 1
    assert list(SearchEvent.objects.values_list("q", flat=True)) == ["sunny"]


def test_drain_takes_every_batch(event_buffer):
    for n in range(5):
        search_event_record(q=f"query {n}", filters={}, ranges={}, result_count=n)

    assert events_drain(batch_size=2) == 5
    assert SearchEvent.objects.filter(zero_results=True).count() == 1


def test_purge_deletes_events_past_retention():
    today = timezone.localdate()
    SearchEvent.objects.create(day=today - timedelta(days=401), q="old", result_count=1, zero_results=False)
    SearchEvent.objects.create(day=today - timedelta(days=399), q="kept", result_count=1, zero_results=False)
    ListingEvent.objects.create(kind="view", day=today - timedelta(days=500), listing_id=1, make="a", model="b")

    assert events_purge(older_than_days=400) == 2
    assert list(SearchEvent.objects.values_list("q", flat=True)) == ["kept"]
