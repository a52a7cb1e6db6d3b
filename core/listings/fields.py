"""Every field of a listing, declared once (STYLE.md, "Each fact once").

A field has a kind that carries its limits and its cleaner (text, a whole
number, money, an enum, a catalog slug, a moment); says whether sellers write
it and whether a new listing needs it; and how the search document shows it
(its key there, and whether its enum's labels join the words free text
matches). From this one table come the services' validation
(core/listings/services.py), the selectors' index rows, the search document
(indexer/documents.py), the API's serializers and schema (web/api/listings.py)
and so the frontend's generated types (frontend/src/api/schema.ts). The index's mapping stays
in search/index.py (search/ imports nothing of core); a test holds the two
together.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.catalog.countries import COUNTRY_CODES, country_code_read
from core.catalog.enums import ENUMS, enum_values
from core.errors import Translatable

MIN_YEAR = 1950
MAX_PRICE = Decimal("10000000.000")
MAX_MILEAGE_KM = 2_000_000
TITLE_MAX = 120
TRIM_MAX = 60
DESCRIPTION_MAX = 5000
REQUIRED = _("This field is required.")


def max_year() -> int:
    """Next year's cars are sold this year."""
    return timezone.localdate().year + 1


class Invalid(ValueError):
    """A value this kind refuses; the message names why, for the seller."""


@dataclass(frozen=True)
class Text:
    max_length: int

    def clean(self, value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise Invalid(_("Must be text."))
        value = value.strip()
        if "\x00" in value:
            raise Invalid(_("Must not contain NUL characters."))
        if len(value) > self.max_length:
            raise Invalid(
                _("Must be at most %(max_length)s characters (it has %(count)s).")
                % {"max_length": self.max_length, "count": len(value)}
            )
        return value


@dataclass(frozen=True)
class Whole:
    low: int
    high: int | Callable[[], int]
    # Formatted with the bounds: {low}, {high}.
    message: Translatable = _("Must be a whole number between {low} and {high}.")  # noqa: RUF009 (lazy text is immutable)

    @property
    def maximum(self) -> int:
        return self.high() if callable(self.high) else self.high

    def refusal(self) -> str:
        return str(self.message).format(low=self.low, high=self.maximum)

    def clean(self, value: Any) -> int:
        # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
        if isinstance(value, str) and re.fullmatch("-?[0-9]+", value.strip()):
            value = int(value.strip())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.maximum:
            raise Invalid(self.refusal())
        return value


@dataclass(frozen=True)
class Money:
    """A positive amount in a country's currency, with at most its decimals (core/catalog/countries.py),
    as a Decimal; PostgreSQL holds 3 places, the most any of the currencies has."""

    maximum: Decimal
    places: int = 3

    def refusal(self, currency: str, places: int) -> str:
        return _("Must be an amount in %(currency)s above 0 and at most %(maximum)s, with at most %(places)s decimals.") % {
            "currency": currency,
            "maximum": f"{self.maximum:,.{places}f}",
            "places": places,
        }

    def clean(self, value: Any, *, currency: str = "BHD", places: int | None = None) -> Decimal:
        places = self.places if places is None else places
        if isinstance(value, bool) or value is None:
            raise Invalid(self.refusal(currency, places))
        try:
            amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        except InvalidOperation:
            raise Invalid(self.refusal(currency, places)) from None
        exponent = amount.as_tuple().exponent
        # As written: "85000.500" has 3 decimals, too many for the dirham.
        if not amount.is_finite() or amount <= 0 or amount > self.maximum or (isinstance(exponent, int) and exponent < -places):
            raise Invalid(self.refusal(currency, places))
        return amount.quantize(Decimal(1).scaleb(-self.places))


def fits_places(amount: Decimal, places: int) -> bool:
    """`amount` has no more than `places` decimals that are not zero ("85000.50" fits 2, "85000.505" does not)."""
    return amount == amount.quantize(Decimal(1).scaleb(-places)) if amount.is_finite() else False


@dataclass(frozen=True)
class CountryCode:
    """One of the countries Sayara serves (core/catalog/countries.py), as its lowercase ISO code."""

    def clean(self, value: Any) -> str:
        code = country_code_read(value)
        if code is None:
            raise Invalid(_("Must be one of: %(values)s.") % {"values": ", ".join(COUNTRY_CODES)})
        return code


@dataclass(frozen=True)
class Choice:
    """One value of an enum in core/catalog/enums.py; `blank` lets a seller leave it empty."""

    enum: str
    blank: bool = False

    @property
    def values(self) -> list[str]:
        return [choice.value for choice in ENUMS[self.enum]]

    def clean(self, value: Any) -> str:
        if value in (None, "") and self.blank:
            return ""
        if not isinstance(value, str) or value.strip().lower() not in enum_values(self.enum):
            raise Invalid(_("Must be one of: %(values)s.") % {"values": ", ".join(self.values)})
        return value.strip().lower()


@dataclass(frozen=True)
class CatalogSlug:
    """A make's or a model's slug (/api/v1/catalog/makes); the services look it up."""

    def clean(self, value: Any) -> str:
        if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
            raise Invalid(REQUIRED)
        return str(value).strip().lower()


@dataclass(frozen=True)
class Moment:
    unset: bool = False  # may not have happened yet

    def clean(self, value: Any) -> datetime.datetime:
        raise Invalid(_("Set by Sayara, not by sellers."))


@dataclass(frozen=True)
class Percent:
    """A share in percent with one decimal, set by Sayara (the deal rating)."""

    def clean(self, value: Any) -> Decimal:
        raise Invalid(_("Set by Sayara, not by sellers."))


Kind = Text | Whole | Money | CountryCode | Choice | CatalogSlug | Moment | Percent


@dataclass(frozen=True)
class ListingField:
    name: str
    kind: Kind
    editable: bool = False  # sellers write it (API.md, Listings); the rest is derived
    required: bool = False  # a new listing needs it
    # Its key in the search document, None where the document does not hold it as is.
    index: str | None = None
    # Its enum's labels (both languages) join the document's `keywords`, so "gcc" or "أبيض" finds cars.
    labelled: bool = False
    help_text: str = ""


def _seller(name: str, kind: Kind, *, required: bool = False, index: str | None = "", **extra: Any) -> ListingField:
    """A field sellers write, indexed under its own name unless told otherwise."""
    return ListingField(name, kind, editable=True, required=required, index=name if index == "" else index, **extra)


def _enum(name: str, enum: str | None = None, *, blank: bool = False, required: bool = False, index: str = "") -> ListingField:
    return _seller(name, Choice(enum or name, blank=blank), required=required, index=index, labelled=True)


PRICE = Money(MAX_PRICE)

# In the order the API shows them.
FIELDS: tuple[ListingField, ...] = (
    _seller("title", Text(TITLE_MAX), help_text="Derived from the car when not given"),
    _seller("make", CatalogSlug(), required=True, index=None, help_text="Make slug (/api/v1/catalog/makes)"),
    _seller("model", CatalogSlug(), required=True, index=None, help_text="Model slug; must belong to the make"),
    _seller("trim", Text(TRIM_MAX)),
    _seller("year", Whole(MIN_YEAR, max_year), required=True),
    # In the index as integer minor units of the country's currency (fils, halalas, baisa).
    _seller(
        "price",
        PRICE,
        required=True,
        index="price_minor",
        help_text='In the country\'s currency, with its decimals: "8500.000" (BHD), "85000.00" (SAR)',
    ),
    ListingField("currency", Text(3), index="currency", help_text="The country's currency (ISO 4217), set by Sayara"),
    _seller("country", CountryCode(), help_text="ISO 3166-1 alpha-2, lowercase; bh when not given"),
    _seller(
        "mileage_km",
        Whole(0, MAX_MILEAGE_KM, _("Must be a whole number of kilometres from {low} to {high:,}.")),
        required=True,
    ),
    _enum("body_type", blank=True),  # empty: the model's body type
    _enum("fuel", required=True),
    _enum("transmission", required=True),
    _enum("drivetrain", blank=True),
    _enum("exterior_color", "color", blank=True, index="color"),
    _enum("regional_spec", required=True),
    _enum("condition"),
    _enum("region", required=True),
    _seller("description", Text(DESCRIPTION_MAX)),
    # The latest price change and by how much it lowered the price (the cards' price-drop badge).
    ListingField("price_drop", Money(MAX_PRICE), index="price_drop_minor"),
    ListingField("price_changed_at", Moment(unset=True), index="price_changed_at"),
    # Against comparable cars' median, in percent, when the price is plausible (the "Best deals" sort).
    ListingField("deal_percent", Percent(), index="deal_percent"),
    ListingField("seller_type", Choice("seller_type"), index="seller_type"),
    ListingField("created_at", Moment(), index="created_at"),
    ListingField("updated_at", Moment(), index="updated_at"),
    # In the document, published_at falls back to created_at (indexer/documents.py).
    ListingField("published_at", Moment(unset=True)),
    ListingField("expires_at", Moment(unset=True), index="expires_at"),
    ListingField("sold_at", Moment(unset=True), index="sold_at"),
)

BY_NAME: dict[str, ListingField] = {field.name: field for field in FIELDS}
EDITABLE_FIELDS: tuple[str, ...] = tuple(field.name for field in FIELDS if field.editable)
REQUIRED_ON_CREATE: tuple[str, ...] = tuple(field.name for field in FIELDS if field.required)
ENUM_FIELDS: dict[str, str] = {field.name: field.kind.enum for field in FIELDS if isinstance(field.kind, Choice)}
LABELLED: tuple[tuple[str, str], ...] = tuple((field.name, ENUM_FIELDS[field.name]) for field in FIELDS if field.labelled)
# Plain columns of the listing row (make and model are foreign keys: their slugs and names are read beside).
ROW_FIELDS: tuple[str, ...] = tuple(field.name for field in FIELDS if not isinstance(field.kind, CatalogSlug))
