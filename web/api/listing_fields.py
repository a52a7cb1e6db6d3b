"""The listing field spec (core/listings/fields.py) as DRF fields: what the
serializers, and so the OpenAPI schema and the clients' generated types
(frontend/src/api/schema.ts), say about each listing field."""

from typing import Any

from rest_framework import serializers

from core.catalog.countries import country_choices
from core.catalog.enums import enum_choices
from core.listings.fields import (
    BY_NAME,
    CatalogSlug,
    Choice,
    CountryCode,
    ListingField,
    Moment,
    Money,
    Percent,
    Text,
    Whole,
)


def input_field(field: ListingField) -> serializers.Field:
    """How a seller sends the field (the services validate it; this documents it)."""
    kind = field.kind
    common: dict[str, Any] = {"required": field.required, "help_text": field.help_text or None}
    if isinstance(kind, Text):
        return serializers.CharField(max_length=kind.max_length, allow_blank=True, **common)
    if isinstance(kind, Whole):
        # A bound that moves (next year) stays out of the schema: it would change every January.
        maximum = None if callable(kind.high) else kind.high
        return serializers.IntegerField(min_value=kind.low, max_value=maximum, **common)
    if isinstance(kind, Money):
        return serializers.DecimalField(max_digits=12, decimal_places=kind.places, max_value=kind.maximum, **common)
    if isinstance(kind, Choice):
        return serializers.ChoiceField(choices=enum_choices(kind.enum), allow_blank=kind.blank, **common)
    if isinstance(kind, CountryCode):
        return serializers.ChoiceField(choices=country_choices(), **common)
    return serializers.CharField(**common)


def output_field(field: ListingField) -> serializers.Field:
    """How the API shows the field in a plain serializer (a search card from the index)."""
    kind = field.kind
    if isinstance(kind, Money):
        return serializers.CharField(
            help_text='In the listing\'s currency, with its decimals: "8500.000" (BHD), "85000.00" (SAR)',
            allow_null=not field.required,
        )
    if isinstance(kind, Percent):
        return serializers.FloatField(allow_null=True)
    if isinstance(kind, Whole):
        return serializers.IntegerField()
    if isinstance(kind, Moment):
        return serializers.DateTimeField(allow_null=kind.unset)
    if isinstance(kind, Choice):
        return serializers.ChoiceField(choices=enum_choices(kind.enum), allow_null=kind.blank)
    if isinstance(kind, CatalogSlug):
        return serializers.CharField(help_text=field.help_text)
    if isinstance(kind, CountryCode):
        return serializers.ChoiceField(choices=country_choices())
    return serializers.CharField()


def output_fields(names: list[str]) -> dict[str, serializers.Field]:
    return {name: output_field(BY_NAME[name]) for name in names}
