"""Market statistics and analysts' aggregations, computed in the listings index.

Request bodies are plain dicts in the REST subset OpenSearch 2 and
Elasticsearch 8 share (ARCHITECTURE.md, "Search engine"). What a client sends
is parsed against allow-lists here, so nothing of the engine's own query
language passes through (API.md, "Analytics"). The choices are explained in
docs/decisions/analytics.md.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search.engine import get_engine
from search.engines.base import EngineTimeout
from search.index import FACET_FIELDS, listings_alias
from search.money import minor_to_str
from search.params import InvalidParams, ParamErrors, SearchRequest, parse_filter_params, parse_market
from search.query import selection_clauses, text_query
from search.scope import country_filter, market_codes, market_get

# Statuses the index holds (indexer/documents.py): drafts and deleted listings never reach it.
STATUSES = ("active", "sold", "expired")
DEFAULT_STATUSES = ("active",)
# Percentile name → percent, for the market's price and mileage and for metrics.
PERCENTS = {"p10": 10.0, "p25": 25.0, "median": 50.0, "p75": 75.0, "p90": 90.0}
# Sold listings older than this say little about today's market.
SOLD_WINDOW_DAYS = 180
# The client waits this much longer than the engine's own timeout, so a slow
# query normally ends with the engine's `timed_out` rather than a dropped connection.
CLIENT_GRACE_SECONDS = 2.0

# Days a listing has been (or was) on the market: from published_at to sold_at
# when sold, to expires_at when expired, to `now` while active. A fixed script
# (Painless runs on both engines); its one parameter is the current time.
DAYS_LISTED_SOURCE = (
    "long start = doc['published_at'].value.toInstant().toEpochMilli();"
    " long end = params.now;"
    " if (doc['sold_at'].size() > 0) { end = doc['sold_at'].value.toInstant().toEpochMilli(); }"
    " else if (doc['status'].value == 'expired' && doc['expires_at'].size() > 0) {"
    " long expired = doc['expires_at'].value.toInstant().toEpochMilli(); if (expired < end) { end = expired; } }"
    # Painless resolves methods by arity alone: Math.min/max would be the double ones.
    " return end > start ? (end - start) / 86400000.0 : 0.0;"
)


class QueryTimeout(Exception):
    """The engine did not finish the query in time (HTTP 504)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"The query took longer than {seconds:g} s")
        self.seconds = seconds


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def days_listed_script(now: datetime) -> dict[str, Any]:
    return {"source": DAYS_LISTED_SOURCE, "lang": "painless", "params": {"now": epoch_ms(now)}}


def run_analytics_query(body: dict[str, Any]) -> dict[str, Any]:
    """Run an aggregation with a time limit; raise QueryTimeout when it runs over.

    The limit goes to the engine (`timeout` in the body, which stops collecting)
    and to the client (which stops waiting), so a slow query never holds a
    web worker for long.
    """
    seconds = float(settings.ANALYTICS_TIMEOUT)
    body = {**body, "timeout": f"{max(1, int(seconds * 1000))}ms"}
    try:
        response = get_engine().search(listings_alias(), body, timeout=seconds + CLIENT_GRACE_SECONDS)
    except EngineTimeout as exc:
        raise QueryTimeout(seconds) from exc
    if response.get("timed_out"):
        # Partial aggregates would be wrong numbers: refuse them.
        raise QueryTimeout(seconds)
    return response


def filter_query(request: SearchRequest, *, statuses: Sequence[str], countries: Sequence[str] = ()) -> dict[str, Any]:
    """The search filters (facets, ranges, text) over the listings of the given statuses
    in the request's country, or in `countries` when given (a comparison)."""
    in_country = {"terms": {"country": list(countries)}} if countries else country_filter(request.country)
    query: dict[str, Any] = {"bool": {"filter": [{"terms": {"status": list(statuses)}}, in_country, *selection_clauses(request)]}}
    if request.q:
        query["bool"]["must"] = [text_query(request.q)]
    return query


def percentiles_agg(source: dict[str, Any], percents: Sequence[float]) -> dict[str, Any]:
    return {"percentiles": {**source, "percents": list(percents), "keyed": False}}


def percentile_values(agg: dict[str, Any]) -> dict[float, float | None]:
    """{"values": [{"key": 50.0, "value": …}]} → {50.0: …}; None where no document had a value."""
    values: dict[float, float | None] = {}
    for item in agg.get("values", []):
        value = item.get("value")
        values[float(item["key"])] = None if value is None or (isinstance(value, float) and math.isnan(value)) else value
    return values


def money_or_none(minor: float | None, *, decimals: int) -> str | None:
    return None if minor is None else minor_to_str(minor, decimals=decimals)


def whole_or_none(value: float | None) -> int | None:
    return None if value is None else round(value)


def tenths_or_none(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --- the market: where prices sit (public) ----------------------------------------


def parse_market_params(params: Mapping[str, Sequence[str]], *, allowed_values: Mapping[str, frozenset[str]]) -> SearchRequest:
    """The search filters of a query string; raise InvalidParams naming each bad one."""
    errors: ParamErrors = {}
    market = parse_market(params, errors)
    q, filters, ranges = parse_filter_params(params, allowed_values=allowed_values, errors=errors, market=market)
    if errors:
        raise InvalidParams(errors)
    return SearchRequest(q=q, filters=filters, ranges=ranges, country=market.country)


def market_body(request: SearchRequest, *, now: datetime) -> dict[str, Any]:
    sold_since = now - timedelta(days=SOLD_WINDOW_DAYS)
    days = {"script": days_listed_script(now)}
    return {
        "size": 0,
        "query": filter_query(request, statuses=("active", "sold")),
        "aggs": {
            "active": {
                "filter": {"term": {"status": "active"}},
                "aggs": {
                    "price": percentiles_agg({"field": "price_minor"}, list(PERCENTS.values())),
                    "mileage": percentiles_agg({"field": "mileage_km"}, list(PERCENTS.values())),
                    "days_listed": percentiles_agg(days, [50]),
                },
            },
            "sold": {
                "filter": {
                    "bool": {"filter": [{"term": {"status": "sold"}}, {"range": {"sold_at": {"gte": sold_since.isoformat()}}}]}
                },
                "aggs": {"price": percentiles_agg({"field": "price_minor"}, [50]), "days_listed": percentiles_agg(days, [50])},
            },
        },
    }


def parse_market_response(response: dict[str, Any], *, decimals: int) -> dict[str, Any]:
    """The figures of market_body's answer, prices in a currency with `decimals`."""
    active, sold = response["aggregations"]["active"], response["aggregations"]["sold"]
    prices, mileages = percentile_values(active["price"]), percentile_values(active["mileage"])
    return {
        "count": active["doc_count"],
        "price": {name: money_or_none(prices.get(percent), decimals=decimals) for name, percent in PERCENTS.items()},
        "mileage_km": {name: whole_or_none(mileages.get(percent)) for name, percent in PERCENTS.items()},
        "median_days_listed": tenths_or_none(percentile_values(active["days_listed"]).get(50.0)),
        "sold": {
            "window_days": SOLD_WINDOW_DAYS,
            "count": sold["doc_count"],
            "median_price": money_or_none(percentile_values(sold["price"]).get(50.0), decimals=decimals),
            "median_days_to_sell": tenths_or_none(percentile_values(sold["days_listed"]).get(50.0)),
        },
    }


def market_stats(request: SearchRequest, *, now: datetime | None = None) -> dict[str, Any]:
    """Price and mileage percentiles of active listings under the search filters
    (API.md, Analytics), with how long they have been listed and what sold lately."""
    body = market_body(request, now=now or datetime.now(UTC))
    return parse_market_response(run_analytics_query(body), decimals=request.market.decimals)


# --- analysts' aggregations ------------------------------------------------------

# group_by name → the keyword field it buckets on ("model" buckets on "make/model":
# model slugs are unique only within their make).
TERMS_GROUPS = {
    "make": "make",
    "model": "make_model",
    "year": "year",
    "body_type": "body_type",
    "fuel": "fuel",
    "transmission": "transmission",
    "drivetrain": "drivetrain",
    "regional_spec": "regional_spec",
    "region": "region",
    "seller_type": "seller_type",
    "condition": "condition",
    "color": "color",
    "status": "status",
}
GROUP_BY_FIELDS = (*TERMS_GROUPS, "month_listed")
# Fields a listing may leave empty: their listings form a group of their own (null), as in SQL.
OPTIONAL_GROUPS = frozenset({"drivetrain", "color"})
MISSING = "__none__"
ORDERED_BY_KEY = frozenset({"year", "month_listed"})
MAX_GROUP_BY = 3
MAX_METRICS = 20
MAX_ROWS = 1000
# How many buckets one request may build across its levels (the engines refuse
# past search.max_buckets, 65,535 by default).
MAX_BUCKETS = 10_000
# A month histogram has no size: it is budgeted as twenty years of months.
MONTH_LEVEL_BUCKETS = 240

# Metrics: <measure>_<statistic>. A measure reads a field (or the days-listed script).
MEASURES = ("price", "mileage", "year", "days_listed")
MEASURE_FIELDS = {"price": "price_minor", "mileage": "mileage_km", "year": "year"}
# Statistic → what it reads: a key of a `stats` aggregation or a percent of a `percentiles` one.
STATS_KEYS = {"min": "min", "max": "max", "avg": "avg"}
METRICS = ("count", *(f"{measure}_{statistic}" for measure in MEASURES for statistic in (*STATS_KEYS, *PERCENTS)))
FILTER_NAMES = (
    "country",
    "q",
    *FACET_FIELDS,
    *(f"{name}_{end}" for name in ("year", "price", "mileage") for end in ("min", "max")),
    "status",
)
BODY_KEYS = ("filters", "group_by", "metrics")


def metric_format(measure: str, statistic: str, *, decimals: int) -> Callable[[float | None], Any]:
    if measure == "price":
        return lambda minor: money_or_none(minor, decimals=decimals)
    if measure == "mileage" or (measure == "year" and statistic in ("min", "max")):
        return whole_or_none
    return tenths_or_none


@dataclass(frozen=True)
class AggregateRequest:
    filters: SearchRequest
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    group_by: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ("count",)

    @property
    def columns(self) -> list[str]:
        columns: list[str] = []
        for name in self.group_by:
            # A model names its make: a model slug alone can belong to two makes.
            if name == "model" and "make" not in self.group_by:
                columns.append("make")
            columns.append(name)
        return [*columns, *self.metrics]


@dataclass
class AggregateResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


def _allowed_hint(allowed: Sequence[str]) -> str:
    return f"Allowed: {', '.join(allowed)}."


def _names(value: Any, *, field: str, noun: str, allowed: Sequence[str], limit: int, errors: dict[str, Any]) -> tuple[str, ...]:
    """A list of names from an allow-list, in order, without repeats."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors[field] = [f"Must be a list of names. {_allowed_hint(allowed)}"]
        return ()
    names = tuple(dict.fromkeys(item.strip() for item in value))
    unknown = [name for name in names if name not in allowed]
    if unknown:
        errors[field] = [f"Unknown {noun} {unknown[0][:60]!r}. {_allowed_hint(allowed)}"]
    elif len(names) > limit:
        errors[field] = [f"At most {limit} names."]
    return names


def _filter_strings(raw: Any, errors: ParamErrors) -> dict[str, list[str]]:
    """{"make": ["toyota"], "year_min": 2015} → the query-string shape search parses."""
    if not isinstance(raw, Mapping):
        errors["non_field_errors"] = ['Must be an object of search parameters, e.g. {"make": ["toyota"], "year_min": "2015"}.']
        return {}
    params: dict[str, list[str]] = {}
    for name, value in raw.items():
        if name not in FILTER_NAMES:
            errors[str(name)[:60]] = [f"Unknown filter. {_allowed_hint(FILTER_NAMES)}"]
            continue
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in values):
            errors[name] = ["Must be text, a number or a list of them."]
            continue
        params[name] = [str(item) for item in values]
    return params


def parse_aggregate_request(body: Any, *, allowed_values: Mapping[str, frozenset[str]]) -> AggregateRequest:
    """Validate an analyst's aggregation against the allow-lists; raise
    InvalidParams naming each bad key (filters' errors are nested under "filters")."""
    if not isinstance(body, Mapping):
        raise InvalidParams({"non_field_errors": ['Send a JSON object: {"filters": {…}, "group_by": […], "metrics": […]}.']})
    errors: dict[str, Any] = {}
    for key in body:
        if key not in BODY_KEYS:
            # An analyst's typo must not silently change the numbers.
            errors[str(key)[:60]] = [f"Unknown key. {_allowed_hint(BODY_KEYS)}"]

    filter_errors: ParamErrors = {}
    params = _filter_strings(body.get("filters") or {}, filter_errors)
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    if "status" in params:
        wanted = tuple(dict.fromkeys(value.strip().lower() for value in params.pop("status")))
        bad = [value for value in wanted if value not in STATUSES]
        if bad or not wanted:
            filter_errors["status"] = [f"Unknown status {(bad or [''])[0][:60]!r}. {_allowed_hint(STATUSES)}"]
        else:
            statuses = wanted
    market = parse_market(params, filter_errors)
    q, filters, ranges = parse_filter_params(params, allowed_values=allowed_values, errors=filter_errors, market=market)
    if filter_errors:
        errors["filters"] = filter_errors

    group_by = _names(
        body.get("group_by") or [], field="group_by", noun="field", allowed=GROUP_BY_FIELDS, limit=MAX_GROUP_BY, errors=errors
    )
    raw_metrics = body.get("metrics")
    metrics = _names(
        ["count"] if raw_metrics is None else raw_metrics,
        field="metrics",
        noun="metric",
        allowed=METRICS,
        limit=MAX_METRICS,
        errors=errors,
    )
    if not metrics and "metrics" not in errors:
        errors["metrics"] = [f"Name at least one metric. {_allowed_hint(METRICS)}"]
    if errors:
        raise InvalidParams(errors)
    return AggregateRequest(
        filters=SearchRequest(q=q, filters=filters, ranges=ranges, country=market.country),
        statuses=statuses,
        group_by=group_by,
        metrics=metrics,
    )


def level_size(group_by: Sequence[str]) -> int:
    """Buckets per terms level, so that all levels together stay within MAX_BUCKETS."""
    terms_levels = [name for name in group_by if name != "month_listed"]
    if not terms_levels:
        return 0
    budget = MAX_BUCKETS / (MONTH_LEVEL_BUCKETS if "month_listed" in group_by else 1)
    return max(1, min(MAX_ROWS, math.floor(budget ** (1 / len(terms_levels)) + 1e-9)))


def group_agg(name: str, *, size: int) -> dict[str, Any]:
    if name == "month_listed":
        return {
            "date_histogram": {
                "field": "published_at",
                "calendar_interval": "month",
                "format": "yyyy-MM",
                # Months as people in Bahrain count them.
                "time_zone": settings.TIME_ZONE,
                "min_doc_count": 1,
            }
        }
    order: Any = {"_key": "asc"} if name in ORDERED_BY_KEY else [{"_count": "desc"}, {"_key": "asc"}]
    terms: dict[str, Any] = {"field": TERMS_GROUPS[name], "size": size, "order": order}
    if name in OPTIONAL_GROUPS:
        terms["missing"] = MISSING
    return {"terms": terms}


def metric_aggs(metrics: Sequence[str], *, now: datetime) -> dict[str, Any]:
    """The leaf aggregations the metrics read: one stats and one percentiles per measure at most."""
    aggs: dict[str, Any] = {}
    for measure in MEASURES:
        statistics = [metric.removeprefix(f"{measure}_") for metric in metrics if metric.startswith(f"{measure}_")]
        if not statistics:
            continue
        source = {"script": days_listed_script(now)} if measure == "days_listed" else {"field": MEASURE_FIELDS[measure]}
        if any(statistic in STATS_KEYS for statistic in statistics):
            aggs[f"{measure}_stats"] = {"stats": source}
        percents = sorted({PERCENTS[statistic] for statistic in statistics if statistic in PERCENTS})
        if percents:
            aggs[f"{measure}_percentiles"] = percentiles_agg(source, percents)
    return aggs


def aggregate_body(request: AggregateRequest, *, now: datetime) -> dict[str, Any]:
    aggs = metric_aggs(request.metrics, now=now)
    size = level_size(request.group_by)
    for name in reversed(request.group_by):
        level = group_agg(name, size=size)
        if aggs:
            level["aggs"] = aggs
        aggs = {f"by_{name}": level}
    body: dict[str, Any] = {
        "size": 0,
        "track_total_hits": True,
        "query": filter_query(request.filters, statuses=request.statuses),
    }
    if aggs:
        body["aggs"] = aggs
    return body


def metric_values(metrics: Sequence[str], aggs: dict[str, Any], *, count: int, decimals: int) -> list[Any]:
    values: list[Any] = []
    for metric in metrics:
        if metric == "count":
            values.append(count)
            continue
        measure, statistic = next(
            (measure, metric.removeprefix(f"{measure}_")) for measure in MEASURES if metric.startswith(f"{measure}_")
        )
        if statistic in STATS_KEYS:
            raw = aggs[f"{measure}_stats"].get(STATS_KEYS[statistic]) if count else None
        else:
            raw = percentile_values(aggs[f"{measure}_percentiles"]).get(PERCENTS[statistic])
        values.append(metric_format(measure, statistic, decimals=decimals)(raw))
    return values


def group_values(name: str, bucket: dict[str, Any], *, with_make: bool) -> list[Any]:
    if name == "month_listed":
        return [bucket["key_as_string"]]
    key = bucket["key"]
    if key == MISSING:
        return [None]
    if name == "model":
        make, _, model = str(key).partition("/")
        return [make, model] if with_make else [model]
    return [key]


def parse_aggregate_response(request: AggregateRequest, response: dict[str, Any]) -> AggregateResult:
    group_by, metrics = request.group_by, request.metrics
    with_make = "make" not in group_by
    rows: list[list[Any]] = []
    truncated = False

    def walk(container: dict[str, Any], depth: int, values: list[Any], count: int) -> None:
        nonlocal truncated
        if len(rows) > MAX_ROWS:
            return
        if depth == len(group_by):
            rows.append([*values, *metric_values(metrics, container, count=count, decimals=request.filters.market.decimals)])
            return
        name = group_by[depth]
        level = container[f"by_{name}"]
        if level.get("sum_other_doc_count"):
            truncated = True
        for bucket in level["buckets"]:
            walk(bucket, depth + 1, [*values, *group_values(name, bucket, with_make=with_make)], bucket["doc_count"])

    walk(response.get("aggregations", {}), 0, [], response["hits"]["total"]["value"])
    if len(rows) > MAX_ROWS:
        rows, truncated = rows[:MAX_ROWS], True
    return AggregateResult(columns=request.columns, rows=rows, truncated=truncated)


def aggregate(request: AggregateRequest, *, now: datetime | None = None) -> AggregateResult:
    """An analyst's table: one row per group, one column per group field and metric."""
    response = run_analytics_query(aggregate_body(request, now=now or datetime.now(UTC)))
    return parse_aggregate_response(request, response)


# --- countries side by side (analysts) ---------------------------------------------

# Filters a comparison refuses: a price range is in one currency, a region is in one country.
PER_COUNTRY_FILTERS = ("price_min", "price_max", "region", "governorate")
TOP_MAKES = 5


@dataclass(frozen=True)
class CountryComparison:
    countries: tuple[str, ...]
    # The search filters every compared country shares (no price range, no region).
    filters: SearchRequest


def parse_country_comparison(
    params: Mapping[str, Sequence[str]], *, allowed_values: Mapping[str, frozenset[str]]
) -> CountryComparison:
    """`countries=bh,sa,ae` (or repeated; every country when absent) and the shared
    search filters; raise InvalidParams naming each bad parameter."""
    errors: ParamErrors = {}
    codes = market_codes()
    wanted = tuple(
        dict.fromkeys(code.strip().lower() for value in params.get("countries", ()) for code in value.split(",") if code.strip())
    )
    bad = [code for code in wanted if code not in codes]
    if bad:
        errors["countries"] = [
            _("Unknown country %(bad)s. Allowed: %(allowed)s.") % {"bad": repr(bad[0][:60]), "allowed": ", ".join(codes)}
        ]
    for name in PER_COUNTRY_FILTERS:
        if params.get(name):
            errors[name] = [_("Prices and regions belong to one country: compare countries without this filter.")]
    shared = {name: values for name, values in params.items() if name not in (*PER_COUNTRY_FILTERS, "country")}
    q, filters, ranges = parse_filter_params(shared, allowed_values=allowed_values, errors=errors)
    if errors:
        raise InvalidParams(errors)
    return CountryComparison(countries=wanted or codes, filters=SearchRequest(q=q, filters=filters, ranges=ranges))


def comparison_body(comparison: CountryComparison, *, now: datetime) -> dict[str, Any]:
    """One request: a bucket per country (a `filters` aggregation, so a country without
    listings still answers), each with its own percentiles, never summed across currencies."""
    query = filter_query(comparison.filters, statuses=("active",), countries=comparison.countries)
    percents = list(PERCENTS.values())
    return {
        "size": 0,
        "query": query,
        "aggs": {
            "by_country": {
                "filters": {"filters": {code: country_filter(code) for code in comparison.countries}},
                "aggs": {
                    "price": percentiles_agg({"field": "price_minor"}, percents),
                    "mileage": percentiles_agg({"field": "mileage_km"}, percents),
                    "year": percentiles_agg({"field": "year"}, [50]),
                    "days_listed": percentiles_agg({"script": days_listed_script(now)}, [50]),
                    "makes": {"terms": {"field": "make", "size": TOP_MAKES, "order": [{"_count": "desc"}, {"_key": "asc"}]}},
                },
            }
        },
    }


def parse_comparison_response(comparison: CountryComparison, response: dict[str, Any], *, now: datetime) -> list[dict[str, Any]]:
    buckets = response["aggregations"]["by_country"]["buckets"]
    rows: list[dict[str, Any]] = []
    for code in comparison.countries:
        bucket, market = buckets[code], market_get(code)
        count = bucket["doc_count"]
        prices, mileages = percentile_values(bucket["price"]), percentile_values(bucket["mileage"])
        median_year = percentile_values(bucket["year"]).get(50.0)
        rows.append(
            {
                "country": code,
                "currency": market.currency,
                "count": count,
                "price": {
                    name: money_or_none(prices.get(percent), decimals=market.decimals) for name, percent in PERCENTS.items()
                },
                "mileage_km": {name: whole_or_none(mileages.get(percent)) for name, percent in PERCENTS.items()},
                "median_year": whole_or_none(median_year),
                # Age in model years: a 2020 car is 5 years old in 2025.
                "median_age_years": None if median_year is None else tenths_or_none(now.year - median_year),
                "median_days_listed": tenths_or_none(percentile_values(bucket["days_listed"]).get(50.0)),
                "top_makes": [
                    {"make": make["key"], "count": make["doc_count"], "share_percent": round(100 * make["doc_count"] / count, 1)}
                    for make in bucket["makes"]["buckets"]
                ],
            }
        )
    return rows


def compare_countries(comparison: CountryComparison, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """The market figures of each country, each in its own currency, in the order asked."""
    now = now or datetime.now(UTC)
    return parse_comparison_response(comparison, run_analytics_query(comparison_body(comparison, now=now)), now=now)
