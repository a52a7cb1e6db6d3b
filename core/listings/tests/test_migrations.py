"""Existing listings become Bahrain's (core/listings/migrations/0007_country_and_region.py)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.listings.models import Listing
from testing.listings import make_listing

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("listings", "0006_duplicates_and_suspension")]
AFTER = [("listings", "0007_country_and_region")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_listings_from_before_countries_are_bahrains_with_their_governorate_as_region():
    listing = make_listing(region="muharraq", price="8500.125")
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            # As rows were before: the country in capitals, the place under its old name.
            cursor.execute("UPDATE listings_listing SET country = 'BH' WHERE id = %s", [listing.pk])
            cursor.execute("SELECT governorate FROM listings_listing WHERE id = %s", [listing.pk])
            assert cursor.fetchone() == ("muharraq",)
    finally:
        _migrate(AFTER)

    migrated = Listing.objects.get(pk=listing.pk)
    assert (migrated.country, migrated.currency, migrated.region) == ("bh", "BHD", "muharraq")
    assert str(migrated.price) == "8500.125"
