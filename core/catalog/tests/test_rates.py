"""Approximate prices at staff's rates: rounded half up to the buyer's currency's decimals."""

from decimal import Decimal

import pytest

from core.catalog.rates import Approximation


@pytest.mark.parametrize(
    ("currency", "rate", "amount", "listing_currency", "expected"),
    [
        ("SAR", "9.965", "1.000", "BHD", "9.97"),  # half up (half-even would say 9.96)
        ("SAR", "9.973404", "8500.000", "BHD", "84773.93"),
        ("BHD", "0.100266", "85000.50", "SAR", "8522.660"),  # three decimals in dinars
        ("KWD", "0.0815", "10.00", "SAR", "0.815"),
    ],
)
def test_a_price_in_the_buyers_currency_takes_its_decimals(currency, rate, amount, listing_currency, expected):
    approximation = Approximation(currency=currency, rates={listing_currency: Decimal(rate)})

    assert str(approximation.price(Decimal(amount), listing_currency)) == expected


def test_no_price_in_the_buyers_own_currency_or_without_a_rate():
    approximation = Approximation(currency="SAR", rates={"BHD": Decimal("9.97")})

    assert approximation.price(Decimal("100.00"), "SAR") is None
    assert approximation.price(Decimal("100.000"), "KWD") is None
