"""What a car is worth: comparable listings in the index, and where an asking
price sits among them (a listing's market value; a seller's price suggestion).

Comparables: the same make and model, a year within ±2, a mileage within a
band around the car's, listed now or sold in the last 180 days. Fewer than 5
and no rating is given. docs/decisions/analytics.md explains the numbers.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from search.analytics import money_or_none, percentile_values, percentiles_agg, run_analytics_query
from search.money import fils_to_str
from search.params import MAX_MILEAGE, MIN_YEAR, InvalidParams, _single, _whole

COMPARABLE_YEARS = 2
# Mileage band: ± a quarter of the car's mileage, but never narrower than ±20,000 km.
MILEAGE_BAND_SHARE = Fraction(1, 4)
MILEAGE_BAND_MIN_KM = 20_000
SOLD_WITHIN_DAYS = 180
MIN_COMPARABLES = 5
SHOWN_COMPARABLES = 10
# The asking price against the comparables' median, in percent: at most the
# bound → the rating; above the last bound → "overpriced".
RATING_BOUNDS = ((-15, "great"), (-5, "good"), (5, "fair"), (15, "high"))
OVERPRICED = "overpriced"
NOT_ENOUGH_COMPARABLES = "not_enough_comparables"
COMPARABLE_FIELDS = ["id", "price_fils", "year", "mileage_km", "status"]


@dataclass(frozen=True)
class Car:
    make: str
    model: str
    year: int
    mileage_km: int | None = None


@dataclass
class Comparables:
    count: int
    # Percentiles of the comparables' prices, in fils (None when there are none).
    p25: float | None
    median: float | None
    p75: float | None
    listings: list[dict[str, Any]] = field(default_factory=list)
    criteria: dict[str, Any] = field(default_factory=dict)

    @property
    def enough(self) -> bool:
        return self.count >= MIN_COMPARABLES and bool(self.median)

    def estimate(self) -> dict[str, str | None] | None:
        """The middle half of comparable prices and their median (BHD strings)."""
        if not self.enough:
            return None
        return {"low": money_or_none(self.p25), "median": money_or_none(self.median), "high": money_or_none(self.p75)}


def mileage_band(mileage_km: int) -> tuple[int, int]:
    half_width = max(MILEAGE_BAND_MIN_KM, round(mileage_km * MILEAGE_BAND_SHARE))
    return max(0, mileage_km - half_width), mileage_km + half_width


def criteria(car: Car) -> dict[str, Any]:
    low, high = mileage_band(car.mileage_km) if car.mileage_km is not None else (None, None)
    return {
        "make": car.make,
        "model": car.model,
        "year_min": car.year - COMPARABLE_YEARS,
        "year_max": car.year + COMPARABLE_YEARS,
        "mileage_min": low,
        "mileage_max": high,
        "sold_within_days": SOLD_WITHIN_DAYS,
        "min_comparables": MIN_COMPARABLES,
    }


def comparables_body(car: Car, *, exclude_id: int | None, now: datetime) -> dict[str, Any]:
    wanted = criteria(car)
    sold_since = (now - timedelta(days=SOLD_WITHIN_DAYS)).isoformat()
    filters: list[dict[str, Any]] = [
        {"term": {"make_model": f"{car.make}/{car.model}"}},
        {"range": {"year": {"gte": wanted["year_min"], "lte": wanted["year_max"]}}},
        {
            "bool": {
                "should": [
                    {"term": {"status": "active"}},
                    {"bool": {"filter": [{"term": {"status": "sold"}}, {"range": {"sold_at": {"gte": sold_since}}}]}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]
    # The closest cars are the ones shown: same year first, then nearer mileage.
    closer: list[dict[str, Any]] = [{"term": {"year": {"value": car.year, "boost": 2}}}]
    if car.mileage_km is not None:
        filters.append({"range": {"mileage_km": {"gte": wanted["mileage_min"], "lte": wanted["mileage_max"]}}})
        half = (wanted["mileage_max"] - car.mileage_km) // 2
        closer.append({"range": {"mileage_km": {"gte": max(0, car.mileage_km - half), "lte": car.mileage_km + half}}})
    query: dict[str, Any] = {"bool": {"filter": filters, "should": closer}}
    if exclude_id is not None:
        query["bool"]["must_not"] = [{"term": {"id": exclude_id}}]
    return {
        "size": SHOWN_COMPARABLES,
        "track_total_hits": True,
        "_source": COMPARABLE_FIELDS,
        "query": query,
        "sort": [{"_score": "desc"}, {"published_at": "desc"}, {"id": "desc"}],
        "aggs": {"price": percentiles_agg({"field": "price_fils"}, [25.0, 50.0, 75.0])},
    }


def parse_comparables(car: Car, response: dict[str, Any]) -> Comparables:
    prices = percentile_values(response["aggregations"]["price"])
    listings = [
        {
            "id": hit["_source"]["id"],
            "price": fils_to_str(hit["_source"]["price_fils"]),
            "year": hit["_source"]["year"],
            "mileage_km": hit["_source"]["mileage_km"],
            "status": hit["_source"]["status"],
        }
        for hit in response["hits"]["hits"]
    ]
    return Comparables(
        count=response["hits"]["total"]["value"],
        p25=prices.get(25.0),
        median=prices.get(50.0),
        p75=prices.get(75.0),
        listings=listings,
        criteria=criteria(car),
    )


def find_comparables(car: Car, *, exclude_id: int | None = None, now: datetime | None = None) -> Comparables:
    response = run_analytics_query(comparables_body(car, exclude_id=exclude_id, now=now or datetime.now(UTC)))
    return parse_comparables(car, response)


def price_rating(*, price_fils: int, median_fils: float) -> tuple[str, float]:
    """(rating, difference in percent) of a price against the comparables' median.

    Exact arithmetic, so a price exactly 5 % under the median is "good", never
    "fair" by a rounding error.
    """
    difference = (Fraction(price_fils) - Fraction(median_fils)) * 100 / Fraction(median_fils)
    rating = next((name for bound, name in RATING_BOUNDS if difference <= bound), OVERPRICED)
    shown = (Decimal(difference.numerator) / Decimal(difference.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return rating, float(shown)


def market_value(*, listing_id: int, car: Car, price_fils: int, now: datetime | None = None) -> dict[str, Any]:
    """A listing's price rated against its comparables (the listing itself excluded)."""
    comparables = find_comparables(car, exclude_id=listing_id, now=now)
    rating: str | None = None
    difference: float | None = None
    if comparables.enough:
        rating, difference = price_rating(price_fils=price_fils, median_fils=float(comparables.median or 0))
    return {
        "listing_id": listing_id,
        "price": fils_to_str(price_fils),
        "rating": rating,
        "reason": None if comparables.enough else NOT_ENOUGH_COMPARABLES,
        "difference_percent": difference,
        "estimate": comparables.estimate(),
        "comparables_count": comparables.count,
        "comparables": comparables.listings,
        "criteria": comparables.criteria,
    }


def price_suggestion(car: Car, *, now: datetime | None = None) -> dict[str, Any]:
    """What a seller might ask: the middle half of comparable prices, and their median."""
    comparables = find_comparables(car, now=now)
    return {
        "suggested_price": comparables.estimate(),
        "reason": None if comparables.enough else NOT_ENOUGH_COMPARABLES,
        "comparables_count": comparables.count,
        "comparables": comparables.listings,
        "criteria": comparables.criteria,
    }


def parse_car_params(params: Mapping[str, Sequence[str]], *, known_models: Collection[tuple[str, str]]) -> Car:
    """make, model, year and (optionally) mileage_km of a price suggestion's
    query string; raise InvalidParams naming each bad one. `known_models`
    holds the catalog's (make, model) slugs."""
    errors: dict[str, list[str]] = {}
    make = (_single(params, "make") or "").lower()
    model = (_single(params, "model") or "").lower()
    for name, value in (("make", make), ("model", model)):
        if not value:
            errors[name] = ["This parameter is required."]
    if make and model and (make, model) not in known_models:
        if any(known_make == make for known_make, _ in known_models):
            errors["model"] = [f"{model[:60]!r} is not a model of {make!r}; see /api/v1/catalog/makes."]
        else:
            errors["make"] = [f"Unknown make {make[:60]!r}; see /api/v1/catalog/makes."]
    max_year = date.today().year + 1
    raw_year = _single(params, "year")
    year = _whole(raw_year, MIN_YEAR, max_year) if raw_year is not None else None
    if year is None:
        errors["year"] = [f"Must be a whole number between {MIN_YEAR} and {max_year}."]
    raw_mileage = _single(params, "mileage_km")
    mileage = _whole(raw_mileage, 0, MAX_MILEAGE) if raw_mileage is not None else None
    if raw_mileage is not None and mileage is None:
        errors["mileage_km"] = [f"Must be a whole number of kilometres from 0 to {MAX_MILEAGE:,}."]
    if errors:
        raise InvalidParams(errors)
    return Car(make=make, model=model, year=year or 0, mileage_km=mileage)
