"""What a car is roughly worth by age alone, from its model's new price in the
catalog (core/catalog/data/catalog.json): the one depreciation curve the demo
data's prices follow and the floor of a plausible asking price stands on
(core/listings/prices.py)."""

from decimal import Decimal
from functools import cache

from core.catalog.services import catalog_data

# Gulf used-car prices: ~14% off in the first year, then ~9% a year, never below an eighth.
FIRST_YEAR_SHARE = 0.86
YEARLY_SHARE = 0.91
LOWEST_SHARE = 0.125


def depreciated_share(age: int) -> float:
    """The share of its new price a used car of `age` years keeps."""
    return max(LOWEST_SHARE, FIRST_YEAR_SHARE * YEARLY_SHARE ** max(age - 1, 0))


@cache
def _new_prices() -> dict[tuple[str, str], Decimal]:
    return {
        (make["slug"], model["slug"]): Decimal(str(model["price_new_bhd"]))
        for make in catalog_data()["makes"]
        for model in make["models"]
        if model.get("price_new_bhd")
    }


def expected_price(*, make: str, model: str, year: int, this_year: int) -> Decimal | None:
    """A used car's typical price by age (BHD), None for a model the catalog has no new price for."""
    new_price = _new_prices().get((make, model))
    if new_price is None:
        return None
    return (new_price * Decimal(depreciated_share(this_year - year))).quantize(Decimal("0.001"))
