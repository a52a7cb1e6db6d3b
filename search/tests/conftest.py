"""A small, known market indexed once per module under its own alias."""

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import override_settings

from core.accounts.models import User
from core.accounts.tests.factories import UserFactory
from core.catalog.enums import ENUMS
from core.catalog.models import CarModel
from core.catalog.tests.factories import catalog_model
from core.listings import services
from core.listings.models import Listing
from core.listings.tests.factories import listing_data
from core.outbox.models import OutboxEntry
from indexer.relay import relay_outbox
from search.engine import get_engine
from search.index import listings_alias

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


def build_market(count: int, seed: int) -> Market:
    rng = random.Random(seed)
    cars = {slug: catalog_model(make, slug) for make, slug in MODELS}
    sellers = [UserFactory(account_type="dealer"), UserFactory(), UserFactory()]
    listings = []
    for n in range(count):
        car = cars[rng.choice(list(cars))]
        data = listing_data(
            car,
            year=rng.randint(2005, 2025),
            price=f"{rng.randint(900, 60000)}.{rng.choice(['000', '500', '250'])}",
            mileage_km=rng.choice([0, 5000, 30000, 60000, 99999, 100000, 150000, 250000]) + rng.randint(0, 999),
            fuel=rng.choice(values("fuel")[:3]),
            transmission=rng.choice(values("transmission")),
            drivetrain=rng.choice(values("drivetrain")),
            exterior_color=rng.choice(values("color")[:6]),
            regional_spec=rng.choice(values("regional_spec")),
            condition=rng.choice(values("condition")),
            governorate=rng.choice(values("governorate")),
            description=rng.choice(["Full agency service.", "صيانة وكالة", "Accident free, single owner."]),
        )
        listing = services.listing_create(seller=sellers[n % 3], data=data, publish=n % 10 != 9)
        if n % 17 == 0 and n % 10 != 9:
            services.listing_mark_sold(listing_id=listing.pk)
        listings.append(listing)
    return Market(listings=listings, cars=cars, sellers=sellers)


def index_everything() -> None:
    while relay_outbox().sent:
        pass
    get_engine().refresh(listings_alias())


@pytest.fixture(scope="module")
def market(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[Market]:
    """~240 listings (some draft, some sold) committed and indexed under `test-search-*`."""
    with override_settings(SEARCH_INDEX_PREFIX="test-search"), django_db_blocker.unblock():  # type: ignore[attr-defined]
        engine = get_engine()
        for index in engine.indices_for_alias(listings_alias()):
            engine.delete_index(index)
        OutboxEntry.objects.all().delete()
        first_id = (Listing.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        try:
            market = build_market(240, seed=7)
            index_everything()
            yield market
        finally:
            # Committed rows outlive the test transaction: remove them for the next module.
            mine = Listing.objects.filter(pk__gte=first_id)
            sellers = list(mine.values_list("seller_id", flat=True).distinct())
            OutboxEntry.objects.filter(listing_id__gte=first_id).delete()
            mine.delete()
            User.objects.filter(pk__in=sellers).delete()
