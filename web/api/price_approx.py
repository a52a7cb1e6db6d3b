"""The "≈ in your currency" price (docs/API-notes/exchange-rates.md): a listing's price
in the currency a client names with `display_currency`, at the rates staff set in the
admin (core/catalog/rates.py), worked out as the answer is written, never stored.

The client names the currency, the API never guesses it: search answers are the same
for everyone (they are not signed in), so the buyer's own currency (the web app takes
the profile's country's, else the browser's region's) is the client's to say."""

from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from core.catalog.countries import CURRENCY_DECIMALS, currency_read
from core.catalog.rates import Approximation, approximation_for

DISPLAY_CURRENCY_PARAMETER = OpenApiParameter(
    "display_currency",
    str,
    enum=list(CURRENCY_DECIMALS),
    description="The buyer's currency (ISO 4217): prices in another get `price_approx` in it, where staff set a rate",
)


class PriceApproxSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="ISO 4217: the display_currency asked for")
    price = serializers.CharField(help_text='With that currency\'s decimals, rounded half up: "1002.00" (SAR)')


PRICE_APPROX_HELP = (
    "The price in display_currency at the rate Sayara's staff set; null when none was asked, "
    "it is the listing's own currency, or no rate is set"
)


def price_approx_field() -> PriceApproxSerializer:
    return PriceApproxSerializer(allow_null=True, help_text=PRICE_APPROX_HELP)


def approximation_asked(request: Request) -> Approximation | None:
    """The rates into the request's `display_currency`; None when it names none. A code that
    is not one of the currencies is a 400 naming the parameter, in the user's language."""
    raw = request.query_params.get("display_currency")
    if raw is None or not raw.strip():
        return None
    currency = currency_read(raw)
    if currency is None:
        raise ValidationError({"display_currency": [_("Must be one of: %(values)s.") % {"values": ", ".join(CURRENCY_DECIMALS)}]})
    return approximation_for(currency)


def approximation_context(request: Request) -> dict[str, Approximation | None]:
    """The serializer context that gives a listing's `price_approx` (ListingSerializer and the
    serializers built on it, nested ones too): the rates the request's `display_currency` asks for."""
    return {"approximation": approximation_asked(request)}


def price_approx(approximation: Approximation | None, price: Decimal | str | None, currency: str) -> dict[str, str] | None:
    """The `price_approx` of a price of `currency` (a listing's)."""
    if approximation is None or price is None:
        return None
    amount = approximation.price(Decimal(price), currency)
    return None if amount is None else {"currency": approximation.currency, "price": str(amount)}
