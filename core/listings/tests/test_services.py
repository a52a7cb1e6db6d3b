"""Every listing write bumps the version and records an outbox row, in one transaction."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.listings import services
from core.listings.models import Listing, ListingStatus
from core.listings.transitions import ListingStateError
from core.listings.versions import clock_version
from core.outbox.models import OutboxEntry
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory, toyota_land_cruiser
from testing.listings import listing_data, make_listing

pytestmark = pytest.mark.django_db


def outbox_versions(listing: Listing) -> list[int]:
    return list(OutboxEntry.objects.filter(listing_id=listing.pk).order_by("id").values_list("version", flat=True))


def bumped(before: Listing, after: Listing, *, writes: int = 1) -> bool:
    """`after` is `before` plus `writes` recorded writes, each at a higher version."""
    versions = outbox_versions(before)
    return len(versions) == writes + 1 and versions == sorted(set(versions)) and versions[-1] == after.version


def test_create_publishes_at_the_clocks_version_with_an_outbox_row():
    began = clock_version()
    listing = make_listing(car=toyota_land_cruiser(), year=2021, trim="VXR")

    assert listing.status == ListingStatus.ACTIVE
    assert began <= listing.version <= clock_version()
    assert outbox_versions(listing) == [listing.version]
    assert listing.title == "2021 Toyota Land Cruiser VXR"
    assert listing.body_type == "suv"  # from the model when not given
    assert listing.expires_at - listing.published_at == datetime.timedelta(days=60)
    assert listing.price == Decimal("8500.000")


def test_create_as_draft_is_not_published():
    listing = make_listing(publish=False)

    assert listing.status == ListingStatus.DRAFT
    assert listing.published_at is None
    assert outbox_versions(listing) == [listing.version]


def test_seller_type_follows_the_account():
    dealer = UserFactory(account_type="dealer")

    assert make_listing(seller=dealer).seller_type == "dealer"


@pytest.mark.parametrize(
    ("transition", "start", "end"),
    [
        (services.listing_mark_sold, ListingStatus.ACTIVE, ListingStatus.SOLD),
        (services.listing_expire, ListingStatus.ACTIVE, ListingStatus.EXPIRED),
        (services.listing_withdraw, ListingStatus.ACTIVE, ListingStatus.DRAFT),
        (services.listing_renew, ListingStatus.ACTIVE, ListingStatus.ACTIVE),
        (services.listing_publish, ListingStatus.DRAFT, ListingStatus.ACTIVE),
    ],
)
def test_each_transition_bumps_the_version_and_records_it(transition, start, end):
    listing = make_listing(publish=start == ListingStatus.ACTIVE)

    changed = transition(listing_id=listing.pk)

    assert changed.status == end
    assert bumped(listing, changed)


def test_update_bumps_version_and_keeps_a_derived_title_in_step():
    listing = make_listing(car=toyota_land_cruiser(), year=2019)
    CarModelFactory(make=listing.make, slug="prado", name_en="Prado", name_ar="برادو", body_type="suv")

    updated = services.listing_update(listing_id=listing.pk, data={"model": "prado", "price": "7999.5"})

    assert bumped(listing, updated)
    assert updated.title == "2019 Toyota Prado"
    assert updated.price == Decimal("7999.500")


def test_a_title_the_seller_wrote_is_kept():
    listing = make_listing(title="Family car, first owner")

    updated = services.listing_update(listing_id=listing.pk, data={"year": 2018})

    assert updated.title == "Family car, first owner"


def test_renewing_an_expired_listing_makes_it_active_for_60_days():
    listing = make_listing()
    services.listing_expire(listing_id=listing.pk)

    renewed = services.listing_renew(listing_id=listing.pk)

    assert renewed.status == ListingStatus.ACTIVE
    assert renewed.expires_at > timezone.now() + datetime.timedelta(days=59)
    assert bumped(listing, renewed, writes=2)


@pytest.mark.parametrize(
    ("transition", "status"),
    [
        (services.listing_publish, ListingStatus.ACTIVE),
        (services.listing_mark_sold, ListingStatus.DRAFT),
        (services.listing_renew, ListingStatus.SOLD),
        (services.listing_expire, ListingStatus.SOLD),
    ],
)
def test_impossible_transitions_are_refused_without_a_version_bump(transition, status):
    listing = make_listing(publish=status != ListingStatus.DRAFT)
    if status == ListingStatus.SOLD:
        services.listing_mark_sold(listing_id=listing.pk)
    before = Listing.objects.get(pk=listing.pk).version

    with pytest.raises(ListingStateError):
        transition(listing_id=listing.pk)

    assert Listing.objects.get(pk=listing.pk).version == before


def test_delete_is_soft_versioned_and_recorded():
    listing = make_listing()

    services.listing_delete(listing_id=listing.pk)

    gone = Listing.objects.get(pk=listing.pk)
    assert gone.status == ListingStatus.DELETED
    assert bumped(listing, gone)


def test_bulk_expire_expires_only_due_listings_with_outbox_rows():
    due, fresh = make_listing(), make_listing()
    Listing.objects.filter(pk=due.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert services.listing_bulk_expire() == 1

    expired = Listing.objects.get(pk=due.pk)
    assert expired.status == ListingStatus.EXPIRED and bumped(due, expired)
    assert Listing.objects.get(pk=fresh.pk).version == fresh.version
    assert services.listing_bulk_expire() == 0


def test_one_edit_of_fields_and_status_is_one_locked_read_one_version_and_one_outbox_row():
    listing = make_listing()

    with CaptureQueriesContext(connection) as queries:
        edited = services.listing_edit(listing_id=listing.pk, data={"price": "9000", "mileage_km": 61000, "status": "sold"})

    assert (edited.status, edited.price, edited.mileage_km) == (ListingStatus.SOLD, Decimal("9000.000"), 61000)
    assert bumped(listing, edited, writes=1)
    reads = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT")]
    assert len(reads) == 1 and reads[0].endswith('FOR UPDATE OF "listings_listing"')
    assert Listing.objects.get(pk=listing.pk).version == edited.version


def test_an_edit_that_changes_nothing_writes_nothing():
    listing = make_listing()

    same = services.listing_edit(listing_id=listing.pk, data={"status": "active", "colour": "mauve"})

    assert same.version == listing.version and outbox_versions(listing) == [listing.version]


def test_a_refused_status_refuses_the_fields_with_it():
    listing = make_listing(publish=False)

    with pytest.raises(ValidationError) as error:
        services.listing_edit(listing_id=listing.pk, data={"price": "-1", "status": "deleted"})
    with pytest.raises(ListingStateError):
        services.listing_edit(listing_id=listing.pk, data={"price": "9100", "status": "sold"})

    assert set(error.value.message_dict) == {"price", "status"}
    unchanged = Listing.objects.get(pk=listing.pk)
    assert (unchanged.price, unchanged.version) == (listing.price, listing.version)


def test_someone_elses_listing_is_not_found_and_stays_as_it_was():
    listing = make_listing()

    with pytest.raises(Listing.DoesNotExist):
        services.listing_edit(listing_id=listing.pk, data={"price": "1"}, editor=UserFactory())

    assert Listing.objects.get(pk=listing.pk).version == listing.version


def test_a_refused_create_writes_nothing():
    with pytest.raises(ValidationError) as error:
        services.listing_create(seller=UserFactory(), data=listing_data(year=1900))

    assert "year" in error.value.message_dict
    assert not Listing.objects.exists()
    assert not OutboxEntry.objects.exists()


def test_arabic_text_is_accepted_everywhere():
    listing = make_listing(title="لاند كروزر ٢٠٢١ نظيف", description="سيارة نظيفة جداً، صيانة وكالة", trim="جي اكس ار")

    assert listing.title == "لاند كروزر ٢٠٢١ نظيف"
    assert listing.trim == "جي اكس ار"


def test_versions_never_go_backwards_after_the_database_does():
    """A restore from backup (or a crash that lost the newest commits) brings
    back an older row; its next edit must still outrank what the index got."""
    listing = make_listing()
    indexed = services.listing_update(listing_id=listing.pk, data={"price": "9100"}).version
    Listing.objects.filter(pk=listing.pk).update(version=listing.version, price=listing.price)  # the restored row

    again = services.listing_update(listing_id=listing.pk, data={"price": "9200"})

    assert again.version > indexed


def test_a_resend_outranks_the_index_and_changes_nothing_else():
    listing = make_listing()
    far_ahead = clock_version() + 10**9  # an index holding a version from the future (a clock that jumped)

    services.listing_resend(index_versions={listing.pk: far_ahead, 10**9: 5})

    resent = Listing.objects.get(pk=listing.pk)
    assert resent.version > far_ahead
    assert (resent.updated_at, resent.price) == (listing.updated_at, listing.price)
    assert outbox_versions(resent)[-1] == resent.version
    gone = OutboxEntry.objects.get(listing_id=10**9)  # no row: a notice for the relay to delete its document
    assert gone.version > 5
