"""Catalog API (API.md, Catalog): makes with their models, and the enums."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.catalog.countries import COUNTRIES, COUNTRY_CODES, DEFAULT_COUNTRY, country_get
from core.catalog.enums import ENUMS
from core.catalog.models import Make
from core.catalog.selectors import catalog_makes_with_models

NOT_SOLD_IN = "Codes of the countries it is not sold in (no listing of it there)"


class CarModelSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_en = serializers.CharField()
    name_ar = serializers.CharField()
    body_type = serializers.CharField()
    not_sold_in = serializers.ListField(child=serializers.CharField(), required=False, help_text=NOT_SOLD_IN)


class MakeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_en = serializers.CharField()
    name_ar = serializers.CharField()
    not_sold_in = serializers.ListField(child=serializers.CharField(), required=False, help_text=NOT_SOLD_IN)
    models = serializers.SerializerMethodField()

    @extend_schema_field(CarModelSerializer(many=True))
    def get_models(self, make: Make) -> list[dict[str, Any]]:
        country = self.context.get("country")
        models = [model for model in make.models.all() if country is None or country not in model.not_sold_in]
        return CarModelSerializer(models, many=True).data  # type: ignore[return-value]


class EnumValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label_en = serializers.CharField()
    label_ar = serializers.CharField()


@method_decorator(cache_control(public=True, max_age=300), name="get")
class MakesApi(APIView):
    authentication_classes: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "country", str, enum=list(COUNTRY_CODES), required=False, description="Only the makes and models sold there"
            )
        ],
        responses=MakeSerializer(many=True),
        summary="Makes and their models",
    )
    def get(self, request: Request) -> Response:
        country = request.query_params.get("country")
        if country is not None and country not in COUNTRY_CODES:
            raise ValidationError({"country": [_("Must be one of: %(values)s.") % {"values": ", ".join(COUNTRY_CODES)}]})
        makes = catalog_makes_with_models(country)
        return Response(MakeSerializer(makes, many=True, context={"country": country}).data)


class CountrySerializer(EnumValueSerializer):
    """A country Sayara serves (core/catalog/countries.py): `value` is its lowercase ISO code."""

    currency = serializers.CharField(help_text="ISO 4217")
    decimals = serializers.IntegerField(help_text="Of the currency: prices are sent and shown with this many")
    price_scale = serializers.IntegerField(
        help_text="Its car prices are about this many times Bahrain's, in round numbers (not an exchange rate): "
        "the price facet's buckets and a price filter's steps are Bahrain's times this"
    )
    regions = EnumValueSerializer(many=True, help_text="Its first-level divisions: the `region` values of its listings")
    phone = inline_serializer(
        "CountryPhone",
        {
            "dial_code": serializers.CharField(help_text='"+973"'),
            "digits": serializers.IntegerField(help_text="The national number's length, without a leading 0"),
            "example": serializers.CharField(help_text='A mobile number written in full: "+973 3600 1122"'),
        },
        help_text="Its phone numbers' shape: what a form's hint says (a number without its code is read in the account's country)",
    )


def _country(code: str) -> dict[str, object]:
    country = country_get(code)
    return {
        "value": country.code,
        "label_en": country.name_en,
        "label_ar": country.name_ar,
        "currency": country.currency,
        "decimals": country.decimals,
        "price_scale": country.price_scale,
        "regions": [region._asdict() for region in country.regions],
        "phone": {"dial_code": country.phone.dial_code, "digits": country.phone.digits, "example": country.phone.example},
    }


@method_decorator(cache_control(public=True, max_age=3600), name="get")
class EnumsApi(APIView):
    authentication_classes: list = []

    @extend_schema(
        responses=inline_serializer(
            "Enums",
            {
                **{name: EnumValueSerializer(many=True) for name in ENUMS},
                "governorate": EnumValueSerializer(many=True, help_text="Deprecated: Bahrain's regions, for one release"),
                "country": CountrySerializer(many=True),
            },
        ),
        summary="Every enum's values with English and Arabic labels",
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                **{name: [choice._asdict() for choice in choices] for name, choices in ENUMS.items()},
                "governorate": [region._asdict() for region in country_get(DEFAULT_COUNTRY).regions],
                "country": [_country(country.code) for country in COUNTRIES],
            }
        )
