"""Search API (API.md, Search): served from the index, never from PostgreSQL."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.catalog.enums import enum_allowed_values
from core.catalog.rates import Approximation
from core.events.services import search_event_record
from core.listings.fields import BY_NAME
from core.listings.photos import card_srcset
from discovery.facets import labelled_facets
from discovery.vocabulary import search_vocabulary
from search.index import FACET_FIELDS
from search.listings import listings_search, listings_suggest
from search.params import RESULT_WINDOW, SORTS, InvalidParams, ParamErrors, parse_market, parse_search_params
from search.query import CARD_KEYS
from search.scope import market_codes
from web.api.background import in_background
from web.api.listing_fields import output_fields
from web.api.price_approx import DISPLAY_CURRENCY_PARAMETER, approximation_asked, price_approx, price_approx_field

# The one country searched (search/scope.py); every count, facet and figure is of its listings alone.
COUNTRY_PARAMETER = OpenApiParameter(
    "country", str, enum=list(market_codes()), description="Lowercase ISO 3166-1 alpha-2; bh when not given"
)


def country_asked(request: Request) -> str:
    """The `country` asked for (bh when not given); an unknown code is a 400 naming the field."""
    errors: ParamErrors = {}
    market = parse_market(dict(request.query_params.lists()), errors)
    if errors:
        raise InvalidParams(errors)
    return market.country


SEARCH_PARAMETERS = [
    COUNTRY_PARAMETER,
    OpenApiParameter(
        "q",
        str,
        description="Free text, English or Arabic, typo-tolerant",
        examples=[OpenApiExample("A model", value="land cruiser")],
    ),
    *[OpenApiParameter(name, str, many=True, description="Repeatable: OR within the field") for name in FACET_FIELDS],
    OpenApiParameter("governorate", str, many=True, description="Deprecated: `region` under its name before countries"),
    *[OpenApiParameter(f"{name}_{end}", str) for name in ("year", "price", "mileage") for end in ("min", "max")],
    OpenApiParameter("sort", str, enum=list(SORTS)),
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": RESULT_WINDOW}, description="1-based"),
    OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 100}, description="1–100, default 24"),
]
# Buyers' search understands its free text (docs/API-notes/search.md).
UNDERSTANDING_PARAMETERS = [
    OpenApiParameter(
        "q",
        str,
        description="Free text, English or Arabic, typo-tolerant. Makes, models, years, prices, mileages, "
        "enum words and places in it become filters (the answer's `understood`); the rest is matched as words.",
    ),
    OpenApiParameter("literal", str, enum=["1", "0"], description="1: match the words as typed, understanding nothing"),
]


# The listing fields a result card shows (core/listings/fields.py).
CARD_FIELDS = [key for key in CARD_KEYS if key in BY_NAME]
# The suggestion box's longest query (a make and a model).
SUGGEST_MAX = 100


class ResultCardSerializer(serializers.Serializer):
    """A listing as a search result card (from the index)."""

    id = serializers.IntegerField()
    thumbnail_url = serializers.CharField(allow_null=True)
    thumbnail_srcset = serializers.CharField(
        allow_null=True, help_text="The thumbnail at each card size (an <img srcset>); null for photos stored before them"
    )
    days_listed = serializers.IntegerField(allow_null=True, help_text="Whole days since it was published")
    governorate = serializers.CharField(allow_null=True, help_text="Deprecated: `region` under its name before countries")
    price_approx = price_approx_field()

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), **output_fields(CARD_FIELDS)}


def cards_shown(cards: list[dict[str, Any]], approximation: Approximation | None) -> list[dict[str, Any]]:
    """Cards from the index as a client gets them: with their thumbnail's sizes
    (core/listings/photos.py) and their `price_approx` (web/api/price_approx.py)."""
    return [
        {
            **card,
            "thumbnail_srcset": card_srcset(card.get("thumbnail_url")),
            "price_approx": price_approx(approximation, card.get("price"), card.get("currency", "")),
        }
        for card in cards
    ]


class UnderstoodSerializer(serializers.Serializer):
    """A filter read from the free text."""

    field = serializers.CharField(help_text="A search parameter: make, model, body_type, …, year_min, price_max, …")
    value = serializers.CharField(help_text='Its value as the parameter takes it ("toyota", "2019", "5000.000")')
    text = serializers.CharField(help_text="The words it was read from, exactly as typed")


class ElsewhereSerializer(serializers.Serializer):
    """A place of another country than the one searched: not a filter (it would find nothing)."""

    text = serializers.CharField(help_text="The words, exactly as typed")
    region = serializers.CharField(help_text="The region they name")
    country = serializers.CharField(help_text="Its country, where a search of that place would look")


class RelaxSerializer(serializers.Serializer):
    """The understood words whose removal finds cars."""

    text = serializers.CharField(help_text="The words to drop, as typed")
    filters = serializers.ListField(child=serializers.CharField(), help_text='What they set ("price_max"; "q" for the words)')
    count = serializers.IntegerField(help_text="How many cars the search finds without them")


SEARCH_ANSWER = inline_serializer(
    "SearchAnswer",
    {
        "count": serializers.IntegerField(),
        "page": serializers.IntegerField(),
        "page_size": serializers.IntegerField(),
        "results": ResultCardSerializer(many=True),
        "facets": serializers.DictField(
            help_text="Per field: [{value, label_en, label_ar, count, selected}]; ranges: {min, max, buckets}"
        ),
        "typo_tolerant": serializers.BooleanField(help_text="True when only typo-tolerant matching found results"),
        "understood": UnderstoodSerializer(many=True, help_text="What the free text was understood as, in order"),
        "elsewhere": ElsewhereSerializer(
            many=True, help_text='Places of other countries in the text ("riyadh" searching Bahrain), dropped from the search'
        ),
        "q": serializers.CharField(help_text="The free text left to match as words (after what was understood)"),
        "corrected": serializers.CharField(
            allow_null=True, help_text='The query as corrected when the words as typed found nothing ("Showing results for …")'
        ),
        "relax": RelaxSerializer(allow_null=True, help_text="When nothing matched: the understood words to drop"),
        "nearest": ResultCardSerializer(
            many=True, help_text="When nothing matched: the nearest cars (nearest years, the price band just above…)"
        ),
    },
)
SUGGESTION = inline_serializer(
    "Suggestion",
    {
        "text": serializers.CharField(),
        "text_en": serializers.CharField(),
        "text_ar": serializers.CharField(),
        "make": serializers.CharField(),
        "model": serializers.CharField(allow_null=True),
        "count": serializers.IntegerField(),
        "params": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            help_text="The search this suggestion runs: its make and model and what else the text was understood as",
        ),
    },
    many=True,
)


class SearchListingsApi(APIView):
    authentication_classes: list = []

    @extend_schema(
        parameters=[*SEARCH_PARAMETERS, *UNDERSTANDING_PARAMETERS, DISPLAY_CURRENCY_PARAMETER],
        responses=SEARCH_ANSWER,
        summary="Faceted search of active listings",
    )
    def get(self, request: Request) -> Response:
        approximation = approximation_asked(request)
        search_request = parse_search_params(dict(request.query_params.lists()), allowed_values=enum_allowed_values())
        result = listings_search(search_request, vocabulary=search_vocabulary())
        if search_request.page == 1:
            # For analysts' search statistics (core/events); turning a page is not a new search.
            searched = result.searched or search_request
            in_background(
                search_event_record,
                q=search_request.q,
                filters=searched.filters,
                ranges=searched.ranges,
                result_count=result.count,
            )
        return Response(
            {
                "count": result.count,
                "page": search_request.page,
                "page_size": search_request.page_size,
                "results": cards_shown(result.results, approximation),
                "facets": labelled_facets(result),
                "typo_tolerant": result.fuzzy,
                "understood": result.understood,
                "elsewhere": result.elsewhere,
                "q": result.q,
                "corrected": result.corrected,
                "relax": result.relax,
                "nearest": cards_shown(result.nearest, approximation),
            }
        )


class SuggestApi(APIView):
    authentication_classes: list = []

    @extend_schema(
        parameters=[OpenApiParameter("q", str), COUNTRY_PARAMETER], responses=SUGGESTION, summary="Make and model suggestions"
    )
    def get(self, request: Request) -> Response:
        q = (request.query_params.get("q") or "").strip()
        errors: ParamErrors = {}
        market = parse_market(dict(request.query_params.lists()), errors)
        if len(q) > SUGGEST_MAX:
            errors["q"] = [_("Must be at most %(query_max)s characters.") % {"query_max": SUGGEST_MAX}]
        if errors:
            raise InvalidParams(errors)
        return Response(listings_suggest(q, country=market.country, vocabulary=search_vocabulary()))
