"""What a car is worth: its comparables in the index (search/comparables.py),
and where an asking price sits among them (a listing's market value and band;
a seller's price suggestion). docs/decisions/analytics.md explains the numbers.
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from search.analytics import money_or_none, percentile_values, percentiles_agg, run_analytics_query
from search.comparables import MIN_COMPARABLES, Car, closer_to, comparable_car, criteria, on_the_market
from search.money import minor_to_str
from search.params import MAX_MILEAGE, MIN_YEAR, InvalidParams, ParamErrors, _single, _whole, max_year, parse_market
from search.scope import market_get

__all__ = ["Car", "find_comparables", "market_value", "parse_car_params", "price_rating", "price_suggestion"]

SHOWN_COMPARABLES = 10
# The asking price against the comparables' median, in percent: at most the
# bound → the rating; above the last bound → "overpriced".
RATING_BOUNDS = ((-15, "great"), (-5, "good"), (5, "fair"), (15, "high"))
OVERPRICED = "overpriced"
# Why no rating is given: no comparable at all, too few, or a price Sayara finds implausible (discovery/prices.py).
RARE_CAR = "rare_car"
NOT_ENOUGH_COMPARABLES = "not_enough_comparables"
PRICE_IMPLAUSIBLE = "price_implausible"
# Comparable prices below p25 / OUTLIER_FENCE or above p75 × OUTLIER_FENCE are outliers (scams, typos, specials):
# they join no band, median or rating.
OUTLIER_FENCE = 2
COMPARABLE_FIELDS = ["id", "price_minor", "year", "mileage_km", "status"]
# The band of comparable prices a listing's page draws: p10–p90, its core p25–p75, the median.
BAND = {"p10": 10.0, "p25": 25.0, "median": 50.0, "p75": 75.0, "p90": 90.0}
BAND_PERCENTS = list(BAND.values())


@dataclass
class Comparables:
    count: int
    # Percentile → the comparables' price there, in fils (None when there are none).
    prices: dict[float, float | None]
    listings: list[dict[str, Any]] = field(default_factory=list)
    criteria: dict[str, Any] = field(default_factory=dict)
    outliers: int = 0  # comparables left out for their price
    decimals: int = 3  # of the currency the prices are in (the car's country's)

    @property
    def reason(self) -> str | None:
        """Why these comparables give no rating, if they do not."""
        if self.enough:
            return None
        return RARE_CAR if self.count == 0 else NOT_ENOUGH_COMPARABLES

    @property
    def median(self) -> float | None:
        return self.prices.get(50.0)

    @property
    def enough(self) -> bool:
        return self.count >= MIN_COMPARABLES and bool(self.median)

    def estimate(self) -> dict[str, str | None] | None:
        """The middle half of comparable prices and their median (BHD strings)."""
        if not self.enough:
            return None
        return {
            key: money_or_none(self.prices.get(percent), decimals=self.decimals)
            for key, percent in (("low", 25.0), ("median", 50.0), ("high", 75.0))
        }

    def band(self) -> dict[str, str | None] | None:
        """BAND's prices (BHD strings), when there are enough comparables."""
        if not self.enough:
            return None
        return {key: money_or_none(self.prices.get(percent), decimals=self.decimals) for key, percent in BAND.items()}


def _comparable_query(car: Car, *, exclude_id: int | None, now: datetime) -> dict[str, Any]:
    query: dict[str, Any] = {"bool": {"filter": [*comparable_car(car), on_the_market(now)], "should": closer_to(car)}}
    if exclude_id is not None:
        query["bool"]["must_not"] = [{"term": {"id": exclude_id}}]
    return query


def fences_body(car: Car, *, exclude_id: int | None, now: datetime) -> dict[str, Any]:
    """The comparables' quartiles, whose fences tell outliers (OUTLIER_FENCE)."""
    return {
        "size": 0,
        "track_total_hits": True,
        "query": _comparable_query(car, exclude_id=exclude_id, now=now),
        "aggs": {"price": percentiles_agg({"field": "price_minor"}, [25.0, 75.0])},
    }


def comparables_body(
    car: Car, *, exclude_id: int | None, now: datetime, fences: tuple[float, float] | None = None
) -> dict[str, Any]:
    query = _comparable_query(car, exclude_id=exclude_id, now=now)
    if fences is not None:
        query["bool"]["filter"].append({"range": {"price_minor": {"gte": fences[0], "lte": fences[1]}}})
    return {
        "size": SHOWN_COMPARABLES,
        "track_total_hits": True,
        "_source": COMPARABLE_FIELDS,
        "query": query,
        "sort": [{"_score": "desc"}, {"published_at": "desc"}, {"id": "desc"}],
        "aggs": {"price": percentiles_agg({"field": "price_minor"}, BAND_PERCENTS)},
    }


def parse_comparables(car: Car, response: dict[str, Any]) -> Comparables:
    prices = percentile_values(response["aggregations"]["price"])
    listings = [
        {
            "id": hit["_source"]["id"],
            "price": minor_to_str(hit["_source"]["price_minor"], decimals=market_get(car.country).decimals),
            "year": hit["_source"]["year"],
            "mileage_km": hit["_source"]["mileage_km"],
            "status": hit["_source"]["status"],
        }
        for hit in response["hits"]["hits"]
    ]
    return Comparables(
        count=response["hits"]["total"]["value"],
        prices=prices,
        listings=listings,
        criteria=criteria(car),
        decimals=market_get(car.country).decimals,
    )


def find_comparables(car: Car, *, exclude_id: int | None = None, now: datetime | None = None) -> Comparables:
    """The comparables of `car`, outliers left out: a first query finds the quartiles, the second the rest."""
    now = now or datetime.now(UTC)
    quartiles = run_analytics_query(fences_body(car, exclude_id=exclude_id, now=now))
    total = quartiles["hits"]["total"]["value"]
    q1, q3 = (percentile_values(quartiles["aggregations"]["price"]).get(percent) for percent in (25.0, 75.0))
    fences = (q1 / OUTLIER_FENCE, q3 * OUTLIER_FENCE) if total and q1 and q3 else None
    comparables = parse_comparables(
        car, run_analytics_query(comparables_body(car, exclude_id=exclude_id, now=now, fences=fences))
    )
    comparables.outliers = total - comparables.count
    return comparables


def price_rating(*, price_minor: int, median_fils: float) -> tuple[str, float]:
    """(rating, difference in percent) of a price against the comparables' median.

    Exact arithmetic, so a price exactly 5 % under the median is "good", never
    "fair" by a rounding error.
    """
    difference = (Fraction(price_minor) - Fraction(median_fils)) * 100 / Fraction(median_fils)
    rating = next((name for bound, name in RATING_BOUNDS if difference <= bound), OVERPRICED)
    shown = (Decimal(difference.numerator) / Decimal(difference.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return rating, float(shown)


def market_value(
    *,
    listing_id: int,
    car: Car,
    price_minor: int,
    now: datetime | None = None,
    plausible: Callable[[Comparables], bool] | None = None,
) -> dict[str, Any]:
    """A listing's price rated against its comparables (the listing itself excluded).

    `plausible` says whether the price is believable beside these comparables
    (discovery/prices.py); when it is not, nothing is rated, least of all a "great" deal."""
    comparables = find_comparables(car, exclude_id=listing_id, now=now)
    rating: str | None = None
    difference: float | None = None
    reason = comparables.reason
    if plausible is not None and not plausible(comparables):
        reason = PRICE_IMPLAUSIBLE
    elif comparables.enough:
        rating, difference = price_rating(price_minor=price_minor, median_fils=float(comparables.median or 0))
    return {
        "listing_id": listing_id,
        "price": minor_to_str(price_minor, decimals=market_get(car.country).decimals),
        "rating": rating,
        "reason": reason,
        "difference_percent": difference,
        "estimate": comparables.estimate(),
        "band": comparables.band(),
        "comparables_count": comparables.count,
        "outliers_excluded": comparables.outliers,
        "comparables": comparables.listings,
        "criteria": comparables.criteria,
    }


def price_suggestion(car: Car, *, now: datetime | None = None) -> dict[str, Any]:
    """What a seller might ask: the middle half of comparable prices, and their median."""
    comparables = find_comparables(car, now=now)
    return {
        "suggested_price": comparables.estimate(),
        "reason": comparables.reason,
        "comparables_count": comparables.count,
        "comparables": comparables.listings,
        "criteria": comparables.criteria,
    }


def parse_car_params(params: Mapping[str, Sequence[str]], *, known_models: Collection[tuple[str, str]]) -> Car:
    """make, model, year and (optionally) mileage_km of a price suggestion's
    query string; raise InvalidParams naming each bad one. `known_models`
    holds the catalog's (make, model) slugs."""
    errors: ParamErrors = {}
    make = (_single(params, "make") or "").lower()
    model = (_single(params, "model") or "").lower()
    for name, value in (("make", make), ("model", model)):
        if not value:
            errors[name] = [_("This parameter is required.")]
    if make and model and (make, model) not in known_models:
        if any(known_make == make for known_make, _model in known_models):
            errors["model"] = [
                _("%(value)s is not a model of %(make)s; see /api/v1/catalog/makes.")
                % {"value": repr(model[:60]), "make": repr(make)}
            ]
        else:
            errors["make"] = [_("Unknown make %(value)s; see /api/v1/catalog/makes.") % {"value": repr(make[:60])}]
    newest = max_year()
    raw_year = _single(params, "year")
    year = _whole(raw_year, MIN_YEAR, newest) if raw_year is not None else None
    if year is None:
        errors["year"] = [
            _("Must be a whole number between %(min_year)s and %(newest)s.") % {"min_year": MIN_YEAR, "newest": newest}
        ]
    raw_mileage = _single(params, "mileage_km")
    mileage = _whole(raw_mileage, 0, MAX_MILEAGE) if raw_mileage is not None else None
    if raw_mileage is not None and mileage is None:
        errors["mileage_km"] = [
            _("Must be a whole number of kilometres from 0 to %(max_mileage)s.") % {"max_mileage": f"{MAX_MILEAGE:,}"}
        ]
    market = parse_market(params, errors)
    if errors:
        raise InvalidParams(errors)
    return Car(make=make, model=model, year=year or 0, mileage_km=mileage, country=market.country)
