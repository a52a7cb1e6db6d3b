"""A small, known market indexed once per module under its own alias."""

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import pytest
from django.test import override_settings

from core.accounts.models import User
from core.catalog.countries import country_get
from core.catalog.enums import ENUMS
from core.catalog.models import CarModel
from core.listings import services
from core.listings.models import Listing
from core.outbox.models import OutboxEntry
from search.engine import get_engine
from search.index import listings_alias
from testing.accounts import UserFactory
from testing.catalog import catalog_model
from testing.index import index_listings, shipped_vocabulary
from testing.listings import listing_data

T = TypeVar("T")

MODELS = [
    ("toyota", "land-cruiser"),
    ("toyota", "land-cruiser-prado"),
    ("toyota", "camry"),
    ("toyota", "corolla"),
    ("nissan", "patrol"),
    ("nissan", "sunny"),
    ("lexus", "lx"),
    ("hyundai", "elantra"),
]


@dataclass
class Market:
    listings: list[Listing]
    cars: dict[str, CarModel]
    sellers: list[User]


def values(enum: str) -> list[str]:
    return [choice.value for choice in ENUMS[enum]]


def build_market(count: int, seed: int, *, country: str = "bh") -> Market:
    """`count` listings of `country`, priced like its cars (Bahrain's prices times its price_scale)."""
    rng = random.Random(seed)
    place = country_get(country)
    cents = ["000", "500", "250"] if place.decimals == 3 else ["00", "50", "25"]
    cars = {slug: catalog_model(make, slug) for make, slug in MODELS}
    sellers = [UserFactory(account_type="dealer"), UserFactory(), UserFactory()]
    listings = []
    for n in range(count):
        car = cars[rng.choice(list(cars))]
        data = listing_data(
            car,
            year=rng.randint(2005, 2025),
            price=f"{rng.randint(900, 60000) * place.price_scale}.{rng.choice(cents)}",
            mileage_km=rng.choice([0, 5000, 30000, 60000, 99999, 100000, 150000, 250000]) + rng.randint(0, 999),
            fuel=rng.choice(values("fuel")[:3]),
            transmission=rng.choice(values("transmission")),
            drivetrain=rng.choice(values("drivetrain")),
            exterior_color=rng.choice(values("color")[:6]),
            regional_spec=rng.choice(values("regional_spec")),
            condition=rng.choice(values("condition")),
            country=country,
            region=rng.choice([region.value for region in place.regions]),
            description=rng.choice(["Full agency service.", "صيانة وكالة", "Accident free, single owner."]),
        )
        listing = services.listing_create(seller=sellers[n % 3], data=data, publish=n % 10 != 9)
        if n % 17 == 0 and n % 10 != 9:
            services.listing_mark_sold(listing_id=listing.pk)
        listings.append(listing)
    return Market(listings=listings, cars=cars, sellers=sellers)


@contextmanager
def indexed(prefix: str, build: Callable[[], T]) -> Iterator[T]:
    """What `build` commits, indexed under its own alias (`prefix`-listings), removed afterwards."""
    with override_settings(SEARCH_INDEX_PREFIX=prefix):
        engine = get_engine()
        for index in engine.indices_for_alias(listings_alias()):
            engine.delete_index(index)
        OutboxEntry.objects.all().delete()
        first_id = (Listing.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        try:
            built = build()
            index_listings()
            yield built
        finally:
            # Committed rows outlive the test transaction: remove them for the next module.
            mine = Listing.objects.filter(pk__gte=first_id)
            sellers = list(mine.values_list("seller_id", flat=True).distinct())
            OutboxEntry.objects.filter(listing_id__gte=first_id).delete()
            mine.delete()
            User.objects.filter(pk__in=sellers).delete()


@pytest.fixture(scope="module")
def market(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[Market]:
    """~240 listings (some draft, some sold) committed and indexed under `test-search-*`."""
    with django_db_blocker.unblock(), indexed("test-search", lambda: build_market(240, seed=7)) as built:  # type: ignore[attr-defined]
        yield built


@pytest.fixture(scope="session")
def catalog_vocabulary():  # type: ignore[no-untyped-def]
    return shipped_vocabulary()
