"""Approximate prices in a buyer's own currency, at the rates staff set (ExchangeRate).

Worked out when a listing is read, never stored: a rate staff change shows at once on
every listing, and a listing's price stays the one its seller asked, in its currency.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from core.catalog.countries import CURRENCY_DECIMALS
from core.catalog.models import ExchangeRate


@dataclass(frozen=True)
class Approximation:
    """Prices of other currencies in `currency`, the buyer's."""

    currency: str
    rates: dict[str, Decimal]  # a listing's currency → what one unit of it is worth in `currency`

    def price(self, amount: Decimal, currency: str) -> Decimal | None:
        """`amount` of `currency` in the buyer's, rounded half up to its decimals (SAR: 2);
        None when it is the buyer's own currency or staff set no rate between the two."""
        rate = self.rates.get(currency) if currency != self.currency else None
        if rate is None:
            return None
        return (amount * rate).quantize(Decimal(1).scaleb(-CURRENCY_DECIMALS[self.currency]), rounding=ROUND_HALF_UP)


def approximation_for(currency: str) -> Approximation:
    """The rates into `currency` (an ISO 4217 code of ours): each pair's own rate where staff
    set one, else the inverse of the rate the other way."""
    rates: dict[str, Decimal] = {}
    inverses: dict[str, Decimal] = {}
    for base, quote, rate in ExchangeRate.objects.filter(Q(base=currency) | Q(quote=currency)).values_list(
        "base", "quote", "rate"
    ):
        if quote == currency:
            rates[base] = rate
        else:
            inverses[quote] = 1 / rate
    return Approximation(currency=currency, rates={**inverses, **rates})
