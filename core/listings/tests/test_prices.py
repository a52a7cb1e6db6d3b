"""The plausibility rule on its own: the band's thresholds, the catalog's floor, the deal rating."""

from decimal import Decimal

import pytest

from core.catalog.values import depreciated_share, expected_price
from core.listings.prices import ABSOLUTE_FLOOR, Band, Plausibility, price_verdict

BAND = Band(low=Decimal("10000"), median=Decimal("12000"), high=Decimal("14000"))


def verdict(price: str, *, band: Band | None = BAND, make: str = "no-such-make", year: int = 2020):
    return price_verdict(price=Decimal(price), make=make, model="none", year=year, this_year=2026, band=band)


@pytest.mark.parametrize(
    ("price", "plausibility"),
    [
        ("6000.000", Plausibility.OK),  # exactly 0.6 × p10
        ("5999.999", Plausibility.CONFIRM),
        ("3000.000", Plausibility.CONFIRM),  # exactly 0.3 × p10
        ("2999.999", Plausibility.HOLD),
        ("25200.000", Plausibility.OK),  # exactly 1.8 × p90
        ("25200.001", Plausibility.CONFIRM),
        ("70000.001", Plausibility.HOLD),  # above 5 × p90
    ],
)
def test_against_the_band(price, plausibility):
    assert verdict(price).plausibility == plausibility


def test_only_a_plausible_price_gets_a_deal_rating():
    assert verdict("10800.000").deal_percent == Decimal("-10.0")
    assert verdict("5000.000").deal_percent is None
    assert verdict("10800.000", band=None).deal_percent is None


def test_without_a_band_the_catalog_floor_judges():
    # A 2019 Giulia: the catalog's new price, depreciated by 7 years.
    typical = expected_price(make="alfa-romeo", model="giulia", year=2019, this_year=2026)
    assert typical is not None and typical > Decimal("5000")

    def of(price: Decimal) -> Plausibility:
        return price_verdict(price=price, make="alfa-romeo", model="giulia", year=2019, this_year=2026, band=None).plausibility

    assert of(typical) == Plausibility.OK
    assert of(typical * Decimal("0.34")) == Plausibility.CONFIRM
    assert of(Decimal("1.500")) == Plausibility.HOLD


def test_a_car_the_catalog_does_not_price_has_the_absolute_floor():
    assert verdict("150.000", band=None).plausibility == Plausibility.OK
    assert verdict(str(ABSOLUTE_FLOOR - Decimal("0.001")), band=None).plausibility == Plausibility.CONFIRM
    assert verdict("29.000", band=None).plausibility == Plausibility.HOLD


def test_the_depreciation_curve_never_goes_below_an_eighth():
    assert depreciated_share(1) == pytest.approx(0.86)
    assert depreciated_share(40) == 0.125
