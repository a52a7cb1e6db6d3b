"""Comparable cars: the one definition the market value rating, the market band
and similar cars share (docs/decisions/analytics.md explains the numbers).

A comparable has the same make and model, a year within ±2, a mileage within a
band around the car's (when its mileage is known), and is listed now or was
sold in the last 180 days. Fewer than 5 and no rating or band is given.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from search.scope import country_filter, market_get

COMPARABLE_YEARS = 2
# Mileage band: ± a quarter of the car's mileage, but never narrower than ±20,000 km.
MILEAGE_BAND_SHARE = Fraction(1, 4)
MILEAGE_BAND_MIN_KM = 20_000
SOLD_WITHIN_DAYS = 180
MIN_COMPARABLES = 5


@dataclass(frozen=True)
class Car:
    make: str
    model: str
    year: int
    mileage_km: int | None = None
    # Comparables are of the car's own country, priced in its currency: a rating never mixes them.
    country: str = field(default_factory=lambda: market_get().country)


def mileage_band(mileage_km: int) -> tuple[int, int]:
    half_width = max(MILEAGE_BAND_MIN_KM, round(mileage_km * MILEAGE_BAND_SHARE))
    return max(0, mileage_km - half_width), mileage_km + half_width


def criteria(car: Car) -> dict[str, Any]:
    """The definition applied to `car`, as the answers show it."""
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


def comparable_car(car: Car) -> list[dict[str, Any]]:
    """Filters of the cars comparable to `car`, whatever their status."""
    wanted = criteria(car)
    filters: list[dict[str, Any]] = [
        country_filter(car.country),
        {"term": {"make_model": f"{car.make}/{car.model}"}},
        {"range": {"year": {"gte": wanted["year_min"], "lte": wanted["year_max"]}}},
    ]
    if car.mileage_km is not None:
        filters.append({"range": {"mileage_km": {"gte": wanted["mileage_min"], "lte": wanted["mileage_max"]}}})
    return filters


def on_the_market(now: datetime) -> dict[str, Any]:
    """Listed now, or sold in the last SOLD_WITHIN_DAYS days."""
    sold_since = (now - timedelta(days=SOLD_WITHIN_DAYS)).isoformat()
    return {
        "bool": {
            "should": [
                {"term": {"status": "active"}},
                {"bool": {"filter": [{"term": {"status": "sold"}}, {"range": {"sold_at": {"gte": sold_since}}}]}},
            ],
            "minimum_should_match": 1,
        }
    }


def closer_to(car: Car) -> list[dict[str, Any]]:
    """Scoring among comparables: the same year first, then the nearer mileage."""
    closer: list[dict[str, Any]] = [{"term": {"year": {"value": car.year, "boost": 2}}}]
    if car.mileage_km is not None:
        _, high = mileage_band(car.mileage_km)
        half = (high - car.mileage_km) // 2
        closer.append({"range": {"mileage_km": {"gte": max(0, car.mileage_km - half), "lte": car.mileage_km + half}}})
    return closer
