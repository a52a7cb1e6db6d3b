"""Listings made the way sellers make them: through the services (version, outbox)."""

from decimal import Decimal
from typing import Any

from core.catalog.models import CarModel
from core.listings.models import Listing
from core.listings.services import listing_create
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory


def listing_data(car: CarModel | None = None, **fields: Any) -> dict[str, Any]:
    car = car or CarModelFactory()
    data: dict[str, Any] = {
        "make": car.make.slug,
        "model": car.slug,
        "year": 2020,
        "price": "8500.000",
        "mileage_km": 60000,
        "fuel": "petrol",
        "transmission": "automatic",
        "regional_spec": "gcc",
        "region": "capital",
        "exterior_color": "white",
        "condition": "used",
    }
    data.update(fields)
    return data


def make_listing(*, seller: Any = None, car: CarModel | None = None, publish: bool = True, **fields: Any) -> Listing:
    if isinstance(fields.get("price"), Decimal):
        fields["price"] = str(fields["price"])
    return listing_create(seller=seller or UserFactory(), data=listing_data(car, **fields), publish=publish)
