"""Analytics API (API.md, Analytics): market statistics for everyone, market
value and price suggestions for buyers and sellers, aggregations and search
statistics for analysts. The numbers come from search/analytics.py and
search/market_value.py (the index) and core/events (what buyers do); these
views validate, call one of them and shape the answer."""

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.catalog.enums import enum_allowed_values
from core.catalog.selectors import catalog_labels
from core.events.models import ListingEventKind
from core.events.selectors import search_event_report
from core.events.services import listing_event_rate_check
from core.listings.selectors import listing_get
from discovery.prices import listing_market_value
from search.analytics import (
    GROUP_BY_FIELDS,
    METRICS,
    PER_COUNTRY_FILTERS,
    STATUSES,
    aggregate,
    compare_countries,
    market_stats,
    parse_aggregate_request,
    parse_country_comparison,
    parse_market_params,
)
from search.market_value import (
    BAND,
    NOT_ENOUGH_COMPARABLES,
    PRICE_IMPLAUSIBLE,
    RARE_CAR,
    parse_car_params,
    price_suggestion,
)
from search.scope import market_codes
from web.api.authentication import SessionAuthentication, TokenAuthentication
from web.api.number_input import whole_number
from web.api.permissions import IsAnalyst, viewer
from web.api.search import COUNTRY_PARAMETER, SEARCH_PARAMETERS
from web.api.visitors import client_ip, visitor_saw

# Token first: an anonymous request then gets 401 with `WWW-Authenticate: Token`
# (DRF answers 403 when the first authenticator names no scheme).
SIGNED_IN_AUTHENTICATION = [TokenAuthentication, SessionAuthentication]
REPORT_DAYS_DEFAULT, REPORT_DAYS_MAX = 30, 365
REPORT_LIMIT_DEFAULT, REPORT_LIMIT_MAX = 20, 100
TIMEOUT_RESPONSE = OpenApiResponse(description="The query ran over its time limit (ANALYTICS_TIMEOUT)")


class CsvRenderer(BaseRenderer):
    """{"columns", "rows"} → CSV with a header row (money stays "8500.000")."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(data["columns"])
        writer.writerows(["" if value is None else value for value in row] for row in data["rows"])
        return out.getvalue().encode("utf-8")


# --- everyone --------------------------------------------------------------------

PERCENTILE_NAMES = ("p10", "p25", "median", "p75", "p90")


def price_percentiles(name: str) -> serializers.Serializer:
    # inline_serializer takes the fields out of the dict it is given: each use builds its own.
    return inline_serializer(name, {percentile: serializers.CharField(allow_null=True) for percentile in PERCENTILE_NAMES})


def mileage_percentiles(name: str) -> serializers.Serializer:
    return inline_serializer(name, {percentile: serializers.IntegerField(allow_null=True) for percentile in PERCENTILE_NAMES})


MARKET_ANSWER = inline_serializer(
    "MarketStats",
    {
        "count": serializers.IntegerField(help_text="Active listings under the filters"),
        "price": price_percentiles("MarketPrice"),
        "mileage_km": mileage_percentiles("MarketMileage"),
        "median_days_listed": serializers.FloatField(allow_null=True, help_text="Active listings: days since published"),
        "sold": inline_serializer(
            "MarketSold",
            {
                "window_days": serializers.IntegerField(),
                "count": serializers.IntegerField(),
                "median_price": serializers.CharField(allow_null=True),
                "median_days_to_sell": serializers.FloatField(allow_null=True),
            },
        ),
    },
)


class MarketApi(APIView):
    authentication_classes: list = []

    @extend_schema(
        parameters=[parameter for parameter in SEARCH_PARAMETERS if parameter.name not in ("sort", "page", "page_size")],
        responses={200: MARKET_ANSWER, 504: TIMEOUT_RESPONSE},
        summary="Price and mileage percentiles of active listings under search filters",
    )
    def get(self, request: Request) -> Response:
        filters = parse_market_params(dict(request.query_params.lists()), allowed_values=enum_allowed_values())
        return Response(market_stats(filters))


def _prices(name: str, keys: list[str], help_text: str) -> serializers.Serializer:
    return inline_serializer(
        name, {key: serializers.CharField(allow_null=True) for key in keys}, allow_null=True, help_text=help_text
    )


# Comparable cars (search/comparables.py), as every answer about a car's worth shows them.
COMPARABLES = {
    "comparables_count": serializers.IntegerField(),
    "comparables": inline_serializer(
        "Comparable",
        {
            "id": serializers.IntegerField(),
            "price": serializers.CharField(),
            "year": serializers.IntegerField(),
            "mileage_km": serializers.IntegerField(),
            "status": serializers.ChoiceField(choices=["active", "sold"]),
        },
        many=True,
    ),
    "criteria": serializers.DictField(help_text="The definition of comparable applied to this car"),
}
ESTIMATE = _prices("PriceEstimate", ["low", "median", "high"], "The middle half of comparable prices and their median, in BHD")
MARKET_VALUE_ANSWER = inline_serializer(
    "MarketValue",
    {
        "listing_id": serializers.IntegerField(),
        "price": serializers.CharField(),
        "rating": serializers.ChoiceField(choices=["great", "good", "fair", "high", "overpriced"], allow_null=True),
        "reason": serializers.ChoiceField(
            choices=[RARE_CAR, NOT_ENOUGH_COMPARABLES, PRICE_IMPLAUSIBLE],
            allow_null=True,
            help_text="Why no rating is given: no comparable car, fewer than 5, or a price Sayara finds implausible",
        ),
        "difference_percent": serializers.FloatField(allow_null=True),
        "estimate": ESTIMATE,
        "band": _prices("PriceBand", list(BAND), "Comparable prices at p10, p25, the median, p75 and p90, in BHD"),
        "outliers_excluded": serializers.IntegerField(help_text="Comparable cars left out for an outlying price"),
        **COMPARABLES,
    },
)


class ListingMarketValueApi(APIView):
    @extend_schema(
        responses={200: MARKET_VALUE_ANSWER, 504: TIMEOUT_RESPONSE},
        summary="Where a listing's price sits among comparable cars (anyone who can see the listing)",
    )
    def get(self, request: Request, listing_id: int) -> Response:
        return Response(listing_market_value(listing_get(listing_id=listing_id, user=viewer(request))))


class ListingContactClickApi(APIView):
    @extend_schema(
        request=None,
        responses={204: None, 429: OpenApiTypes.OBJECT},
        summary="A buyer opened the contact form (for analytics: once per visitor, listing and day)",
    )
    def post(self, request: Request, listing_id: int) -> Response:
        listing = listing_get(listing_id=listing_id, user=viewer(request))
        listing_event_rate_check(ip=client_ip(request))
        visitor_saw(request, listing, ListingEventKind.CONTACT_CLICK)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- sellers ---------------------------------------------------------------------


class PriceSuggestionApi(APIView):
    authentication_classes = SIGNED_IN_AUTHENTICATION
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("make", str, required=True),
            OpenApiParameter("model", str, required=True),
            OpenApiParameter("year", int, required=True),
            OpenApiParameter("mileage_km", int),
            COUNTRY_PARAMETER,
        ],
        responses={
            200: inline_serializer(
                "PriceSuggestion",
                {"suggested_price": ESTIMATE, "reason": serializers.CharField(allow_null=True), **COMPARABLES},
            ),
            504: TIMEOUT_RESPONSE,
        },
        summary="A price range for a car being listed, from comparable listings (signed in)",
    )
    def get(self, request: Request) -> Response:
        car = parse_car_params(dict(request.query_params.lists()), known_models=catalog_labels().models.keys())
        return Response(price_suggestion(car))


# --- analysts --------------------------------------------------------------------


class AnalystTableApi(APIView):
    """An analysts' view answering JSON, or a table as CSV (`Accept: text/csv` or `?format=csv`)."""

    authentication_classes = SIGNED_IN_AUTHENTICATION
    permission_classes = [IsAnalyst]
    renderer_classes = [JSONRenderer, CsvRenderer]

    def wants_csv(self, request: Request) -> bool:
        return request.accepted_renderer.format == "csv"

    def csv_response(self, table: dict[str, Any], *, name: str, truncated: bool = False) -> Response:
        response = Response(table)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="sayara-{name}-{stamp}.csv"'
        response["X-Truncated"] = "true" if truncated else "false"
        return response

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        # Errors are JSON whatever was asked for: a CSV of an error body would hide the message.
        if isinstance(response, Response) and response.status_code >= 400:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = "application/json"
        return response


FORMAT_PARAMETER = OpenApiParameter("format", str, enum=["json", "csv"], description="csv: the same table as CSV")


class AggregateApi(AnalystTableApi):
    @extend_schema(
        request=inline_serializer(
            "AggregateRequest",
            {
                "filters": serializers.DictField(
                    required=False,
                    help_text=f"Search parameters (as for /search/listings) and status ({', '.join(STATUSES)}; default active)",
                ),
                "group_by": serializers.ListField(
                    child=serializers.ChoiceField(choices=list(GROUP_BY_FIELDS)), required=False, max_length=3
                ),
                "metrics": serializers.ListField(child=serializers.ChoiceField(choices=list(METRICS)), required=False),
            },
        ),
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): inline_serializer(
                "AggregateTable",
                {
                    "columns": serializers.ListField(child=serializers.CharField()),
                    "rows": serializers.ListField(child=serializers.ListField()),
                    "truncated": serializers.BooleanField(),
                },
            ),
            (200, "text/csv"): OpenApiTypes.STR,
            # DRF answers an unknown ?format= with 404.
            404: OpenApiResponse(description="Unknown format"),
            504: TIMEOUT_RESPONSE,
        },
        summary="Aggregate listings by allow-listed fields and metrics (analysts)",
    )
    def post(self, request: Request) -> Response:
        spec = parse_aggregate_request(request.data, allowed_values=enum_allowed_values())
        table = aggregate(spec)
        answer = {"columns": table.columns, "rows": table.rows, "truncated": table.truncated}
        if self.wants_csv(request):
            return self.csv_response(answer, name="aggregate", truncated=table.truncated)
        return Response(answer)


# One country's figures in a comparison; prices in that country's currency, never converted.
COUNTRY_FIGURES = inline_serializer(
    "CountryFigures",
    {
        "country": serializers.CharField(help_text="Lowercase ISO 3166-1 alpha-2"),
        "currency": serializers.CharField(help_text="ISO 4217: the currency of this row's prices"),
        "count": serializers.IntegerField(help_text="Active listings under the filters"),
        "price": price_percentiles("ComparedPrice"),
        "mileage_km": mileage_percentiles("ComparedMileage"),
        "median_year": serializers.IntegerField(allow_null=True),
        "median_age_years": serializers.FloatField(allow_null=True),
        "median_days_listed": serializers.FloatField(allow_null=True),
        "top_makes": inline_serializer(
            "CountryMake",
            {"make": serializers.CharField(), "count": serializers.IntegerField(), "share_percent": serializers.FloatField()},
            many=True,
        ),
    },
    many=True,
)
# Search filters a comparison takes: those every country shares (no price range, no region).
SHARED_PARAMETERS = [
    parameter
    for parameter in SEARCH_PARAMETERS
    if parameter.name not in ("country", "sort", "page", "page_size", *PER_COUNTRY_FILTERS)
]


def comparison_table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The comparison as a table: one row per country, each price beside its currency."""
    columns = [
        "country",
        "currency",
        "count",
        *(f"price_{name}" for name in PERCENTILE_NAMES),
        *(f"mileage_km_{name}" for name in PERCENTILE_NAMES),
        "median_year",
        "median_age_years",
        "median_days_listed",
        "top_makes",
    ]
    table_rows = [
        [
            row["country"],
            row["currency"],
            row["count"],
            *(row["price"][name] for name in PERCENTILE_NAMES),
            *(row["mileage_km"][name] for name in PERCENTILE_NAMES),
            row["median_year"],
            row["median_age_years"],
            row["median_days_listed"],
            "; ".join(f"{make['make']} ({make['count']})" for make in row["top_makes"]),
        ]
        for row in rows
    ]
    return {"columns": columns, "rows": table_rows}


class CompareCountriesApi(AnalystTableApi):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "countries",
                str,
                description=f"Comma-separated country codes ({', '.join(market_codes())}); every country when absent",
            ),
            *SHARED_PARAMETERS,
            FORMAT_PARAMETER,
        ],
        responses={
            (200, "application/json"): inline_serializer(
                "CountryComparison", {"countries": COUNTRY_FIGURES, "generated_at": serializers.DateTimeField()}
            ),
            (200, "text/csv"): OpenApiTypes.STR,
            404: OpenApiResponse(description="Unknown format"),
            504: TIMEOUT_RESPONSE,
        },
        summary="The same market figures for several countries side by side, each in its currency (analysts)",
    )
    def get(self, request: Request) -> Response:
        params = {name: values for name, values in request.query_params.lists() if name != "format"}
        rows = compare_countries(parse_country_comparison(params, allowed_values=enum_allowed_values()))
        if self.wants_csv(request):
            return self.csv_response(comparison_table(rows), name="countries")
        return Response({"countries": rows, "generated_at": timezone.localtime().isoformat()})


def _whole_param(request: Request, name: str, *, default: int, high: int, errors: dict[str, list[str]]) -> int:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    number = whole_number(raw)
    if number is None or not 1 <= number <= high:
        errors[name] = [_("Must be a whole number from 1 to %(high)s.") % {"high": high}]
        return default
    return number


class SearchAnalyticsApi(APIView):
    authentication_classes = SIGNED_IN_AUTHENTICATION
    permission_classes = [IsAnalyst]

    @extend_schema(
        parameters=[
            OpenApiParameter("days", int, description=f"The window, 1–{REPORT_DAYS_MAX} days ending today (default 30)"),
            OpenApiParameter("limit", int, description=f"Rows per list, 1–{REPORT_LIMIT_MAX} (default 20)"),
        ],
        responses={200: OpenApiTypes.OBJECT},
        summary="Top queries, zero-result queries and most viewed models (analysts)",
    )
    def get(self, request: Request) -> Response:
        errors: dict[str, list[str]] = {}
        days = _whole_param(request, "days", default=REPORT_DAYS_DEFAULT, high=REPORT_DAYS_MAX, errors=errors)
        limit = _whole_param(request, "limit", default=REPORT_LIMIT_DEFAULT, high=REPORT_LIMIT_MAX, errors=errors)
        if errors:
            raise ValidationError(errors)
        report = search_event_report(days=days, limit=limit)
        labels = catalog_labels()
        for row in report["most_viewed_models"]:
            make_en, make_ar = labels.makes.get(row["make"], (row["make"], row["make"]))
            model_en, model_ar = labels.models.get((row["make"], row["model"]), (row["model"], row["model"]))
            row["label_en"], row["label_ar"] = f"{make_en} {model_en}", f"{make_ar} {model_ar}"
        return Response({**report, "generated_at": timezone.localtime().isoformat()})
