"""The demo's exchange rates (make run): every pair of the currencies, set once."""

from decimal import Decimal

import pytest

from core.catalog.models import ExchangeRate
from core.catalog.rates import approximation_for
from core.listings.demo import exchange_rates_seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_sets_a_rate_between_every_two_currencies_once():
    assert exchange_rates_seed_demo() == 15
    assert exchange_rates_seed_demo() == 0  # staff's (or an earlier run's) rates are kept

    in_dinars = approximation_for("BHD")
    in_riyals = approximation_for("SAR")
    assert in_dinars.price(Decimal("85000.00"), "SAR") == Decimal("8522.667")
    assert in_riyals.price(Decimal("8000.000"), "BHD") == Decimal("79787.23")
    assert in_riyals.price(Decimal("100000.00"), "AED") == Decimal("102110.30")
    assert ExchangeRate.objects.count() == 15
