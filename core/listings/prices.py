"""Is an asking price plausible? The one rule the listing services (confirm
or hold at create and edit) and the market-value rating (no rating for an
implausible price) share. docs/decisions/prices.md explains the numbers.

Two references: the band of comparable prices (p10–p90 of comparable cars,
outliers already left out, from the index: discovery/prices.py passes it in)
and, when there are too few comparables for a band, a floor from the catalog
(the model's new price, depreciated by age: core/catalog/values.py).
A price far outside either asks the seller to confirm; an extreme one is held
for moderation (`pending_review`) once confirmed.
"""

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.catalog.values import expected_price
from core.errors import DomainError

# Against the comparable band: below p10 × CONFIRM_BELOW (or above p90 × CONFIRM_ABOVE) asks to confirm;
# below p10 × HOLD_BELOW (or above p90 × HOLD_ABOVE) waits for moderation.
CONFIRM_BELOW, HOLD_BELOW = Decimal("0.6"), Decimal("0.3")
CONFIRM_ABOVE, HOLD_ABOVE = Decimal("1.8"), Decimal("5")
# Against the catalog's typical price for the make, model and age.
FLOOR_SHARE, HOLD_FLOOR_SHARE = Decimal("0.35"), Decimal("0.1")
# Whatever the car, nothing sells for less.
ABSOLUTE_FLOOR = Decimal("100.000")


class Plausibility(enum.StrEnum):
    OK = "ok"
    CONFIRM = "confirm"  # the seller must confirm it
    HOLD = "hold"  # confirmed, it still waits for moderation


@dataclass(frozen=True)
class Band:
    """Comparable prices (BHD): p10, the median, p90."""

    low: Decimal
    median: Decimal
    high: Decimal


@dataclass(frozen=True)
class PriceVerdict:
    plausibility: Plausibility
    # How the price sits against the comparables' median, in percent (negative: below); only for a plausible price.
    deal_percent: Decimal | None
    band: Band | None
    floor: Decimal

    @property
    def plausible(self) -> bool:
        return self.plausibility == Plausibility.OK


def price_floor(*, make: str, model: str, year: int, this_year: int) -> tuple[Decimal, Decimal]:
    """From the catalog alone: (the floor below which a price asks to confirm, the one below which it is held)."""
    typical = expected_price(make=make, model=model, year=year, this_year=this_year)
    if typical is None:
        return ABSOLUTE_FLOOR, ABSOLUTE_FLOOR * HOLD_BELOW
    return max(ABSOLUTE_FLOOR, typical * FLOOR_SHARE), max(ABSOLUTE_FLOOR * HOLD_BELOW, typical * HOLD_FLOOR_SHARE)


def price_verdict(*, price: Decimal, make: str, model: str, year: int, this_year: int, band: Band | None) -> PriceVerdict:
    if band is None:
        floor, hold_floor = price_floor(make=make, model=model, year=year, this_year=this_year)
    else:
        # The comparables know this car better than the catalog's curve.
        floor = max(ABSOLUTE_FLOOR, band.low * CONFIRM_BELOW)
        hold_floor = max(ABSOLUTE_FLOOR * HOLD_BELOW, band.low * HOLD_BELOW)
    plausibility = Plausibility.OK
    if price < hold_floor or (band is not None and price > band.high * HOLD_ABOVE):
        plausibility = Plausibility.HOLD
    elif price < floor or (band is not None and price > band.high * CONFIRM_ABOVE):
        plausibility = Plausibility.CONFIRM
    deal = None
    if band is not None and plausibility == Plausibility.OK:
        deal = ((price - band.median) * 100 / band.median).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return PriceVerdict(plausibility, deal, band, floor.quantize(Decimal("0.001")))


def _money(amount: Decimal) -> str:
    return f"{amount:.3f}"


CONFIRM_MESSAGE = _("This price is far from what similar cars sell for. Check it, then confirm it with price_confirmed.")
HOLD_MESSAGE = _(
    "This price is far from what similar cars sell for. Check it, then confirm it with price_confirmed. "
    "Once confirmed, the listing waits for our team's review before buyers see it."
)


class PriceUnusual(DomainError):
    """A price far from what such cars sell for, not yet confirmed by the seller (400).

    The seller sends the same write again with `"price_confirmed": true`; with
    `hold`, the listing then waits for moderation before buyers see it."""

    code = "price_unusual"
    status = 400

    def __init__(self, verdict: PriceVerdict) -> None:
        hold = verdict.plausibility == Plausibility.HOLD
        details: dict[str, Any] = {
            "hold": hold,
            "floor": _money(verdict.floor),
            "typical": {"low": _money(verdict.band.low), "high": _money(verdict.band.high)} if verdict.band else None,
        }
        message = HOLD_MESSAGE if hold else CONFIRM_MESSAGE
        super().__init__(message, price=[message], **details)
