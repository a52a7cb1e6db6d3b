"""Analysts' aggregations computed in the index agree with PostgreSQL's GROUP BY
on the same listings; the allow-lists keep everything else out."""

import math
import random
import statistics
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import Aggregate, Avg, Count, FloatField, Max, Min
from django.db.models.functions import TruncMonth

from core.catalog.enums import enum_values
from core.listings.models import Listing
from search import analytics
from search.analytics import AggregateRequest, aggregate, level_size, parse_aggregate_request
from search.params import InvalidParams, SearchRequest
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory, MakeFactory
from testing.index import index_listings
from testing.market import expire_at, listing_at, sell_at

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 15, 9, 0, tzinfo=UTC)
ALLOWED = {name: enum_values(name) for name in ("body_type", "fuel", "transmission", "region", "color")}


class Median(Aggregate):
    """PostgreSQL's exact median, the reference for the engine's estimate."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def build_market(seed: int = 7) -> dict[str, list[Listing]]:
    """Three models of two makes over five years, uneven prices; some sold or expired."""
    rng = random.Random(seed)
    make_a, make_b = MakeFactory(), MakeFactory()
    models = [CarModelFactory(make=make_a), CarModelFactory(make=make_a), CarModelFactory(make=make_b)]
    market: dict[str, list[Listing]] = {"active": [], "sold": [], "expired": []}
    sellers = [UserFactory(), UserFactory(account_type="dealer")]
    for i in range(45):
        published = NOW - timedelta(days=rng.randint(5, 170), hours=rng.randint(0, 23))
        listing = listing_at(
            published,
            seller=sellers[i % 2],
            car=models[i % 3],
            year=rng.randint(2016, 2020),
            price=f"{rng.randint(2500, 19000)}.{rng.choice(['000', '125', '500', '750'])}",
            mileage_km=rng.randint(5, 200) * 1000 + rng.randint(0, 999),
            region=rng.choice(["capital", "muharraq", "northern", "southern"]),
            exterior_color=rng.choice(["white", "black", ""]),
        )
        if i % 9 == 4:
            market["sold"].append(sell_at(listing, published + timedelta(days=rng.randint(1, 4))))
        elif i % 9 == 7:
            market["expired"].append(expire_at(listing, NOW - timedelta(days=1)))
        else:
            market["active"].append(listing)
    index_listings()
    return market


def by_key(result: analytics.AggregateResult, width: int) -> dict[tuple, dict]:
    return {tuple(row[:width]): dict(zip(result.columns[width:], row[width:], strict=True)) for row in result.rows}


def within_rank(value: float, values: list[float], q: float) -> bool:
    """An estimated q-percentile lies between the order statistics around rank q·n."""
    ordered, n = sorted(values), len(values)
    low = ordered[max(0, math.floor(q * n - 1))]
    high = ordered[min(n - 1, math.ceil(q * n))]
    return low <= value <= high


def test_aggregate_by_make_and_year_equals_postgresql_group_by(fresh_index):
    # given a known market in PostgreSQL and the index
    market = build_market()

    # when an analyst groups active listings by make and year
    spec = AggregateRequest(
        filters=SearchRequest(),
        group_by=("make", "year"),
        metrics=("count", "price_avg", "price_min", "price_max", "price_median", "mileage_avg", "mileage_median", "price_p25"),
    )
    result = aggregate(spec, now=NOW)

    # then every group matches GROUP BY make, year over the same rows
    expected = {
        (row["make__slug"], row["year"]): row
        for row in Listing.objects.filter(status="active")
        .values("make__slug", "year")
        .annotate(
            count=Count("id"),
            avg=Avg("price"),
            low=Min("price"),
            high=Max("price"),
            median=Median("price"),
            mileage_avg=Avg("mileage_km"),
            mileage_median=Median("mileage_km"),
        )
    }
    got = by_key(result, 2)
    assert result.columns[:2] == ["make", "year"]
    assert set(got) == set(expected)
    assert sum(row["count"] for row in got.values()) == len(market["active"])
    for key, row in got.items():
        want = expected[key]
        assert row["count"] == want["count"], key
        assert abs(Decimal(row["price_avg"]) - want["avg"]) <= Decimal("0.0005"), key
        assert Decimal(row["price_min"]) == want["low"], key
        assert Decimal(row["price_max"]) == want["high"], key
        assert Decimal(row["price_median"]) == Decimal(str(want["median"])).quantize(Decimal("0.001")), key
        assert abs(row["mileage_avg"] - float(want["mileage_avg"])) <= 0.5, key
        assert abs(row["mileage_median"] - want["mileage_median"]) <= 0.5, key
        prices = [
            float(p)
            for p in Listing.objects.filter(status="active", make__slug=key[0], year=key[1]).values_list("price", flat=True)
        ]
        assert within_rank(float(row["price_p25"]), prices, 0.25), key
    # groups come most listings first
    counts = [row[2] for row in result.rows]
    make_totals = {make: sum(r["count"] for k, r in got.items() if k[0] == make) for make, _ in got}
    assert counts and result.rows[0][0] == max(make_totals, key=lambda make: (make_totals[make], make))
    assert result.truncated is False


def test_aggregate_by_model_and_month_over_all_statuses_equals_postgresql(fresh_index):
    # given listings over several months, some sold and some expired
    build_market(seed=11)
    # a listing published late on 31 March UTC is April's in Bahrain (UTC+3)
    edge = listing_at(datetime(2025, 3, 31, 22, 30, tzinfo=UTC), car=CarModelFactory(), year=2019)
    index_listings()

    # when an analyst groups every status by model and month listed
    spec = parse_aggregate_request(
        {
            "filters": {"status": ["active", "sold", "expired"]},
            "group_by": ["model", "month_listed"],
            "metrics": ["count", "days_listed_median", "year_min", "year_max"],
        },
        allowed_values=ALLOWED,
    )
    result = aggregate(spec, now=NOW)

    # then the columns name the model's make too, and the groups match PostgreSQL's
    assert result.columns == ["make", "model", "month_listed", "count", "days_listed_median", "year_min", "year_max"]
    rows = Listing.objects.filter(status__in=["active", "sold", "expired"]).annotate(month=TruncMonth("published_at"))
    expected: dict[tuple, list[Listing]] = {}
    for listing in rows.select_related("make", "model"):
        key = (listing.make.slug, listing.model.slug, listing.month.strftime("%Y-%m"))
        expected.setdefault(key, []).append(listing)
    got = by_key(result, 3)
    assert set(got) == set(expected)
    assert (edge.make.slug, edge.model.slug, "2025-04") in got

    def days_listed(listing: Listing) -> float:
        end = listing.sold_at or (min(NOW, listing.expires_at) if listing.status == "expired" else NOW)
        return (end - listing.published_at).total_seconds() / 86400

    for key, listings in expected.items():
        row = got[key]
        assert row["count"] == len(listings), key
        assert row["days_listed_median"] == pytest.approx(statistics.median(map(days_listed, listings)), abs=0.06), key
        assert row["year_min"] == min(listing.year for listing in listings)
        assert row["year_max"] == max(listing.year for listing in listings)


def test_aggregate_filters_are_the_search_filters(fresh_index):
    # given a known market
    market = build_market(seed=3)
    listing = market["active"][0]

    # when an analyst narrows it by make, price and governorate (with no grouping)
    spec = parse_aggregate_request(
        {
            "filters": {
                "make": [listing.make.slug],
                "price_min": 5000,
                "price_max": "15000.5",
                "region": ["capital", "northern"],
            },
            "metrics": ["count", "price_max"],
        },
        allowed_values=ALLOWED,
    )
    result = aggregate(spec, now=NOW)

    # then one row answers, as PostgreSQL's WHERE does
    want = Listing.objects.filter(
        status="active",
        make=listing.make,
        price__gte=Decimal("5000"),
        price__lte=Decimal("15000.5"),
        region__in=["capital", "northern"],
    ).aggregate(count=Count("id"), high=Max("price"))
    assert result.columns == ["count", "price_max"]
    assert result.rows == [[want["count"], None if want["high"] is None else f"{want['high']:.3f}"]]


def test_aggregate_groups_listings_without_a_colour_as_null(fresh_index):
    build_market(seed=5)

    result = aggregate(AggregateRequest(filters=SearchRequest(), group_by=("color",)), now=NOW)

    expected = {
        (row["exterior_color"] or None): row["count"]
        for row in Listing.objects.filter(status="active").values("exterior_color").annotate(count=Count("id"))
    }
    assert {row[0]: row[1] for row in result.rows} == expected
    assert None in expected


def test_aggregate_says_when_it_truncated_the_table(fresh_index, monkeypatch):
    # given more groups than the table may hold
    build_market(seed=9)
    monkeypatch.setattr(analytics, "MAX_ROWS", 2)

    # when an analyst groups by year (five years)
    result = aggregate(AggregateRequest(filters=SearchRequest(), group_by=("year",)), now=NOW)

    # then the answer holds the first two years and says it is cut short
    assert [row[0] for row in result.rows] == [2016, 2017]
    assert result.truncated is True


def test_an_empty_market_gives_one_row_of_zero_without_groups(fresh_index):
    result = aggregate(AggregateRequest(filters=SearchRequest(), metrics=("count", "price_median", "price_avg")), now=NOW)

    assert result.rows == [[0, None, None]]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"group_by": ["make", "vin"]}, {"group_by": "Unknown field 'vin'"}),
        ({"metrics": ["count", "price_sum"]}, {"metrics": "Unknown metric 'price_sum'"}),
        ({"group_by": ["make", "model", "year", "fuel"]}, {"group_by": "At most 3"}),
        ({"metrics": []}, {"metrics": "at least one"}),
        ({"group_by": "make; DROP"}, {"group_by": "Unknown field"}),
        ({"metrics": [{"script": "1"}]}, {"metrics": "Must be a list of names"}),
        ({"filters": {"status": ["draft"]}}, {"filters": "Unknown status 'draft'"}),
        ({"filters": {"query": {"match_all": {}}}}, {"filters": "Unknown filter"}),
        ({"filters": {"make": {"script": "x"}}}, {"filters": "Must be text"}),
        ({"filters": {"year_min": "soon"}}, {"filters": "whole number"}),
        ({"filters": ["make"]}, {"filters": "Must be an object"}),
        ({"aggs": {"x": {"terms": {"field": "seller_id"}}}}, {"aggs": "Unknown key"}),
    ],
)
def test_parse_aggregate_request_refuses_what_is_not_allowed(body, errors):
    with pytest.raises(InvalidParams) as caught:
        parse_aggregate_request(body, allowed_values=ALLOWED)

    for key, fragment in errors.items():
        assert key in caught.value.errors
        assert fragment in str(caught.value.errors[key])


def test_parse_aggregate_request_defaults_to_counting_active_listings():
    spec = parse_aggregate_request({}, allowed_values=ALLOWED)

    assert spec.statuses == ("active",)
    assert spec.group_by == ()
    assert spec.metrics == ("count",)


def test_level_size_keeps_every_table_within_the_bucket_budget():
    assert level_size(["make"]) == analytics.MAX_ROWS
    assert level_size(["make", "year"]) == 100
    assert level_size(["make", "model", "year"]) == 21
    assert level_size(["make", "month_listed"]) * analytics.MONTH_LEVEL_BUCKETS <= analytics.MAX_BUCKETS
    assert level_size(["month_listed"]) == 0
