"""Catalog API (API.md, Catalog): makes with their models, and the enums."""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.catalog.countries import COUNTRIES, DEFAULT_COUNTRY, country_get
from core.catalog.enums import ENUMS
from core.catalog.selectors import catalog_makes_with_models


class CarModelSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_en = serializers.CharField()
    name_ar = serializers.CharField()
    body_type = serializers.CharField()


class MakeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_en = serializers.CharField()
    name_ar = serializers.CharField()
    models = CarModelSerializer(many=True, source="models.all")


class EnumValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label_en = serializers.CharField()
    label_ar = serializers.CharField()


@method_decorator(cache_control(public=True, max_age=300), name="get")
class MakesApi(APIView):
    authentication_classes: list = []

    @extend_schema(responses=MakeSerializer(many=True), summary="Makes and their models")
    def get(self, request: Request) -> Response:
        return Response(MakeSerializer(catalog_makes_with_models(), many=True).data)


class CountrySerializer(EnumValueSerializer):
    """A country Sayara serves (core/catalog/countries.py): `value` is its lowercase ISO code."""

    currency = serializers.CharField(help_text="ISO 4217")
    decimals = serializers.IntegerField(help_text="Of the currency: prices are sent and shown with this many")
    regions = EnumValueSerializer(many=True, help_text="Its first-level divisions: the `region` values of its listings")


def _country(code: str) -> dict[str, object]:
    country = country_get(code)
    return {
        "value": country.code,
        "label_en": country.name_en,
        "label_ar": country.name_ar,
        "currency": country.currency,
        "decimals": country.decimals,
        "regions": [region._asdict() for region in country.regions],
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
