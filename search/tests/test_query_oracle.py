"""The oracle: for hundreds of random filter combinations, the search total and
every facet count equal what PostgreSQL counts with the same filters and the
same disjunctive rule (a field's counts apply every filter but its own; make
also ignores model), in Bahrain and in Saudi Arabia (another currency, its
decimals and price buckets, its regions), each counting its own cars only."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Max, Min, QuerySet
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.catalog.countries import country_get
from core.catalog.enums import enum_allowed_values
from core.listings.models import Listing
from search.index import FACET_FIELDS
from search.params import SearchRequest, parse_search_params
from search.query import MILEAGE_BUCKETS_KM, price_buckets
from search.scope import market_get
from search.tests.conftest import MODELS, build_market, indexed, values

pytestmark = pytest.mark.django_db

ORM = {name: name for name in FACET_FIELDS} | {"make": "make__slug", "model": "model__slug", "color": "exterior_color"}
RANGE_ORM = {"year": "year", "price": "price", "mileage_km": "mileage_km"}


def disjunctive_skip(name: str) -> frozenset[str]:
    """The rule, stated independently of search/query.py: make ignores make and model."""
    return frozenset({"make", "model"}) if name == "make" else frozenset({name})


@pytest.fixture(scope="module")
def market(django_db_setup: None, django_db_blocker: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Bahrain's ~240 listings and Saudi Arabia's ~120, in one index."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        with indexed("test-oracle", lambda: (build_market(240, seed=7), build_market(120, seed=11, country="sa"))) as built:
            yield built


def pg_filtered(request: SearchRequest, *, skip: frozenset[str] = frozenset()) -> QuerySet[Listing]:
    queryset = Listing.objects.filter(status="active", country=request.country)
    for name, selected in request.filters.items():
        if name not in skip:
            queryset = queryset.filter(**{f"{ORM[name]}__in": selected})
    for name, (low, high) in request.ranges.items():
        if name in skip:
            continue
        unit = 10**request.market.decimals
        to_db = (lambda minor: Decimal(minor) / unit) if name == "price" else (lambda value: value)
        if low is not None:
            queryset = queryset.filter(**{f"{RANGE_ORM[name]}__gte": to_db(low)})
        if high is not None:
            queryset = queryset.filter(**{f"{RANGE_ORM[name]}__lte": to_db(high)})
    return queryset


def some(options: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(options), min_size=1, max_size=3, unique=True)


def country_filters(country: str) -> st.SearchStrategy[dict[str, object]]:
    scale = country_get(country).price_scale
    return st.fixed_dictionaries(
        {"country": st.just(country)},
        optional={
            "make": some(["toyota", "nissan", "lexus", "hyundai", "kia"]),
            "model": some([slug for _, slug in MODELS] + ["sportage"]),
            "body_type": some(values("body_type")),
            "fuel": some(values("fuel")),
            "transmission": some(values("transmission")),
            "drivetrain": some(values("drivetrain")),
            "regional_spec": some(values("regional_spec")),
            "condition": some(values("condition")),
            "region": some(sorted(country_get(country).region_values)),
            "seller_type": some(values("seller_type")),
            "color": some(values("color")),
            "year_min": st.integers(2003, 2026).map(str),
            "year_max": st.integers(2003, 2026).map(str),
            "price_min": st.integers(0, 65000 * scale).map(str),
            "price_max": st.integers(0, 65000 * scale).map(str),
            "mileage_min": st.sampled_from(["0", "30000", "100000", "100500"]),
            "mileage_max": st.sampled_from(["9999", "60000", "150000", "300000"]),
        },
    )


# Bahrain twice as often as Saudi Arabia, as its market is the larger.
FILTERS = st.one_of(country_filters("bh"), country_filters("bh"), country_filters("sa"))


def in_range(value: int, low: int, high: int | None) -> bool:
    return value >= low and (high is None or value < high)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(params=FILTERS)
def test_total_and_every_facet_count_match_postgresql(market, api, params):
    for low, high in (("year_min", "year_max"), ("price_min", "price_max"), ("mileage_min", "mileage_max")):
        assume(low not in params or high not in params or int(params[low]) <= int(params[high]))
    request = parse_search_params(
        {k: v if isinstance(v, list) else [v] for k, v in params.items()}, allowed_values=enum_allowed_values()
    )

    answer = api.get("/api/v1/search/listings", params)

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["count"] == pg_filtered(request).count()
    for name in FACET_FIELDS:
        rows = pg_filtered(request, skip=disjunctive_skip(name))
        if name == "model":
            expected = Counter(rows.values_list("make__slug", "model__slug"))
            got = {(entry["make"], entry["value"]): entry["count"] for entry in body["facets"]["model"] if entry["count"]}
        else:
            expected = Counter(rows.values_list(ORM[name], flat=True))
            expected.pop("", None)
            got = {entry["value"]: entry["count"] for entry in body["facets"][name] if entry["count"]}
        assert got == dict(expected), name
        selected = set(request.filters.get(name, ()))
        listed = {entry["value"] for entry in body["facets"][name] if entry["selected"]}
        assert listed == selected, f"{name}: every selected value is listed, with its count even at 0"

    for name, field in RANGE_ORM.items():
        rows = pg_filtered(request, skip=frozenset({name}))
        bounds = rows.aggregate(low=Min(field), high=Max(field))
        facet = body["facets"][name]
        if name == "price":
            decimals = request.market.decimals
            assert facet["min"] == (f"{bounds['low']:.{decimals}f}" if bounds["low"] is not None else None)
            assert facet["max"] == (f"{bounds['high']:.{decimals}f}" if bounds["high"] is not None else None)
            prices = [int(price) for price in rows.values_list("price", flat=True)]
            edges = list(price_buckets(market_get(request.country)))
        else:
            assert (facet["min"], facet["max"]) == (bounds["low"], bounds["high"])
            prices = list(rows.values_list(field, flat=True))
            edges = list(MILEAGE_BUCKETS_KM)
        if name == "year":
            assert {bucket["from"]: bucket["count"] for bucket in facet["buckets"]} == dict(Counter(prices))
        else:
            expected_buckets = [
                sum(1 for value in prices if in_range(value, low, high))
                for low, high in zip(edges, [*edges[1:], None], strict=True)
            ]
            assert [bucket["count"] for bucket in facet["buckets"]] == expected_buckets, name


def test_each_currency_has_its_own_price_buckets(market, api):
    saudi = api.get("/api/v1/search/listings", {"country": "sa"}).json()["facets"]["price"]["buckets"]
    bahrain = api.get("/api/v1/search/listings").json()["facets"]["price"]["buckets"]

    assert [bucket["from"] for bucket in saudi][:3] == ["0.00", "20000.00", "40000.00"]
    assert [bucket["to"] for bucket in saudi][:2] == ["19999.99", "39999.99"]
    assert [bucket["from"] for bucket in bahrain][:3] == ["0.000", "2000.000", "4000.000"]
    # Riyal prices spread over the buckets as dinar prices do, not all in the top one.
    assert sum(1 for bucket in saudi if bucket["count"]) >= 6
