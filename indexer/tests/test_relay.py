"""The outbox relay against the real engine, run in this process."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.listings import services
from core.listings.models import Listing
from core.listings.selectors import listing_index_rows_by_ids
from core.outbox.models import OutboxEntry
from indexer.documents import listing_op
from indexer.lag import outbox_lag
from indexer.relay import STUCK_AFTER_ATTEMPTS, relay_outbox
from search.engine import get_engine
from search.engines.base import BulkOp
from search.index import listings_alias
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def indexed(listing_id: int) -> dict | None:
    engine = get_engine()
    return engine.get_source(listings_alias(), str(listing_id))


def relay_all() -> None:
    while relay_outbox().sent:
        pass


def test_relay_indexes_the_current_row_and_deletes_its_outbox_rows(fresh_index):
    listing = make_listing(year=2018)
    services.listing_update(listing_id=listing.pk, data={"price": "5000"})

    stats = relay_outbox()

    assert stats.sent == 1  # two rows, one listing, one document
    doc = indexed(listing.pk)
    version = Listing.objects.get(pk=listing.pk).version
    assert (doc["version"], doc["price_minor"], doc["status"]) == (version, 5_000_000, "active")
    assert not OutboxEntry.objects.exists()


def test_an_older_version_never_replaces_a_newer_one(fresh_index):
    listing = make_listing()
    old_snapshot = listing_index_rows_by_ids([listing.pk])[listing.pk]
    services.listing_update(listing_id=listing.pk, data={"price": "12345"})
    relay_all()

    # The first write arrives late (a retried or slow delivery).
    results = get_engine().bulk([listing_op(old_snapshot, index=fresh_index)])

    assert results[0].status == 409 and results[0].ok
    assert indexed(listing.pk)["version"] == Listing.objects.get(pk=listing.pk).version
    assert indexed(listing.pk)["price_minor"] == 12_345_000


def test_newer_wins_when_two_deliveries_cross(fresh_index):
    listing = make_listing()
    doc = listing_op(listing_index_rows_by_ids([listing.pk])[listing.pk], index=fresh_index).document
    newer = BulkOp("index", fresh_index, str(listing.pk), 7, {**doc, "version": 7, "price_minor": 7_000_000})
    older = BulkOp("index", fresh_index, str(listing.pk), 6, {**doc, "version": 6, "price_minor": 6_000_000})

    get_engine().bulk([newer])
    get_engine().bulk([older])

    assert indexed(listing.pk)["price_minor"] == 7_000_000


@pytest.mark.parametrize(
    ("change", "in_index", "status"),
    [
        (services.listing_mark_sold, True, "sold"),
        (services.listing_expire, True, "expired"),
        (services.listing_withdraw, False, None),
        (services.listing_delete, False, None),
    ],
)
def test_sold_expired_and_deleted_listings_leave_buyer_search(fresh_index, api, change, in_index, status):
    listing = make_listing(description="unique-removal-word")
    relay_all()
    get_engine().refresh(fresh_index)
    assert api.get("/api/v1/search/listings", {"q": "unique-removal-word"}).json()["count"] == 1

    change(listing_id=listing.pk)
    relay_all()
    get_engine().refresh(fresh_index)

    assert api.get("/api/v1/search/listings", {"q": "unique-removal-word"}).json()["count"] == 0
    doc = indexed(listing.pk)
    assert (doc is not None) == in_index
    if doc:
        assert doc["status"] == status  # kept for market statistics, filtered out of search


def test_drafts_are_never_indexed(fresh_index):
    draft = make_listing(publish=False)

    relay_all()

    assert indexed(draft.pk) is None
    assert not OutboxEntry.objects.exists()


def test_a_failing_row_waits_with_backoff_and_never_blocks_the_others(rejecting_engine):
    good_before = make_listing()
    bad = make_listing(trim="REJECTME")
    good_after = make_listing()

    stats = relay_outbox()

    assert (stats.sent, stats.failed) == (2, 1)
    assert indexed(good_before.pk) and indexed(good_after.pk) and indexed(bad.pk) is None
    row = OutboxEntry.objects.get(listing_id=bad.pk)
    assert row.attempts == 1 and row.available_at > timezone.now() and "mapper_parsing_exception" in row.last_error
    # Not due yet: the next relay leaves it alone.
    assert relay_outbox().failed == 0

    # The seller fixes the listing: the new row carries the current state and succeeds.
    services.listing_update(listing_id=bad.pk, data={"trim": ""})
    relay_outbox()
    assert indexed(bad.pk)["version"] == Listing.objects.get(pk=bad.pk).version


def test_stuck_rows_are_reported_in_the_lag(rejecting_engine):
    bad = make_listing(trim="REJECTME")
    OutboxEntry.objects.filter(listing_id=bad.pk).update(attempts=STUCK_AFTER_ATTEMPTS - 1)

    relay_outbox()
    OutboxEntry.objects.filter(listing_id=bad.pk).update(created_at=timezone.now() - timedelta(minutes=3))

    lag = outbox_lag()
    assert lag.backlog == 1 and lag.stuck == 1 and lag.max_attempts == STUCK_AFTER_ATTEMPTS
    assert lag.oldest_age_seconds >= 180
    assert lag.last_relay_age_seconds is not None and lag.last_relay_age_seconds < 60


def test_a_row_deleted_outside_the_services_is_removed_from_the_index(fresh_index):
    listing = make_listing()
    relay_all()
    OutboxEntry.objects.create(listing_id=listing.pk, version=listing.version + 1)
    Listing.objects.filter(pk=listing.pk).delete()  # a hand-made DELETE in psql

    relay_all()

    assert indexed(listing.pk) is None
