"""A buyer's content profile: the makes, models, body types, specs, price band
and years they lean to, from what they did and the searches they saved.

It is expressed like search filters (search/params.py): facet field → values
(here with a weight each) and ranges in index units (price in the minor unit
of the country's currency), so the engine serves it (search/recommendations.py).
A profile is of one country, the one the buyer browses: what they like (makes,
bodies, years) comes from everything they did, but the price band only from
that country's listings and saved searches, never mixing currencies. Plain
data in, plain data out: the recommender and the benchmark build profiles with
the same function.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from core.catalog.countries import DEFAULT_COUNTRY

# The listing attributes a profile weighs (facet fields of search/index.py).
# `model` values are "make/model": model slugs are unique only within a make.
TERM_FIELDS = ("make", "model", "body_type", "regional_spec", "fuel", "transmission")
VALUES_KEPT = 3
MIN_SHARE = 0.12
# The band around the prices and years the buyer looked at.
PRICE_QUANTILES = (0.1, 0.9)
PRICE_WIDEN = (0.8, 1.15)
YEAR_WIDEN = 1


@dataclass(frozen=True)
class ListingTraits:
    """What the profile reads of one listing (from PostgreSQL or the index)."""

    make: str
    model: str
    body_type: str
    regional_spec: str
    fuel: str
    transmission: str
    # In the minor unit of its country's currency (fils, halalas).
    price_minor: int
    year: int
    country: str = DEFAULT_COUNTRY

    def term(self, name: str) -> str:
        return f"{self.make}/{self.model}" if name == "model" else str(getattr(self, name))


@dataclass(frozen=True)
class StatedFilters:
    """A search the buyer saved, parsed like any search (search/params.py)."""

    name: str
    filters: Mapping[str, tuple[str, ...]]
    ranges: Mapping[str, tuple[int | None, int | None]]
    weight: float
    # The country searched: its price range is in that country's currency.
    country: str = DEFAULT_COUNTRY


@dataclass(frozen=True)
class Profile:
    # Facet field → value → share of the buyer's attention (0–1], strongest first.
    terms: dict[str, dict[str, float]] = field(default_factory=dict)
    # "price" (minor units of `country`'s currency) and "year" → inclusive (low, high); None where open.
    ranges: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    # The total weight behind it: 0 means nothing is known.
    strength: float = 0.0
    country: str = DEFAULT_COUNTRY

    @property
    def empty(self) -> bool:
        return self.strength <= 0 or not (self.terms or self.ranges)

    def top(self, name: str) -> str | None:
        values = self.terms.get(name)
        return next(iter(values)) if values else None


def _weighted_quantile(points: list[tuple[float, float]], q: float) -> float:
    points = sorted(points)
    total = sum(weight for _, weight in points)
    running = 0.0
    for value, weight in points:
        running += weight
        if running >= q * total:
            return value
    return points[-1][0]


def _shares(weights: Mapping[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    if total <= 0:
        return {}
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return {value: round(weight / total, 4) for value, weight in ranked[:VALUES_KEPT] if weight / total >= MIN_SHARE}


def profile_build(
    listings: Iterable[tuple[ListingTraits, float]], stated: Iterable[StatedFilters] = (), *, country: str = DEFAULT_COUNTRY
) -> Profile:
    """The profile, in `country`, of listings the buyer engaged with (each with
    its decayed weight) and of the searches they saved."""
    weights: dict[str, dict[str, float]] = {name: defaultdict(float) for name in TERM_FIELDS}
    prices: list[tuple[float, float]] = []
    years: list[tuple[float, float]] = []
    strength = 0.0
    for traits, weight in listings:
        if weight <= 0:
            continue
        strength += weight
        for name in TERM_FIELDS:
            weights[name][traits.term(name)] += weight
        if traits.country == country:
            prices.append((traits.price_minor, weight))
        years.append((traits.year, weight))

    stated_ranges: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
    for search in stated:
        strength += search.weight
        for name, values in search.filters.items():
            if name in weights and values and name != "model":
                for value in values:
                    weights[name][value] += search.weight / len(values)
        if "model" in search.filters and len(search.filters.get("make", ())) == 1:
            make = search.filters["make"][0]
            for value in search.filters["model"]:
                weights["model"][f"{make}/{value}"] += search.weight / len(search.filters["model"])
        for name in ("price", "year") if search.country == country else ("year",):
            if name in search.ranges:
                stated_ranges[name].append(search.ranges[name])

    ranges: dict[str, tuple[int | None, int | None]] = {}
    if prices:
        low, high = (_weighted_quantile(prices, q) for q in PRICE_QUANTILES)
        ranges["price"] = (int(low * PRICE_WIDEN[0]), math.ceil(high * PRICE_WIDEN[1]))
    if years:
        low, high = (_weighted_quantile(years, q) for q in PRICE_QUANTILES)
        ranges["year"] = (int(low) - YEAR_WIDEN, int(high) + YEAR_WIDEN)
    # What the buyer typed into a saved search beats what we inferred.
    for name, bounds in stated_ranges.items():
        lows = [low for low, _ in bounds]
        highs = [high for _, high in bounds]
        ranges[name] = (
            None if None in lows else min(low for low in lows if low is not None),
            None if None in highs else max(high for high in highs if high is not None),
        )
    terms = {name: shares for name in TERM_FIELDS if (shares := _shares(weights[name]))}
    return Profile(
        terms=terms, ranges={k: v for k, v in ranges.items() if v != (None, None)}, strength=round(strength, 4), country=country
    )


def filters_match(
    traits: ListingTraits, filters: Mapping[str, tuple[str, ...]], ranges: Mapping[str, tuple[int | None, int | None]]
) -> bool:
    """Whether a listing passes a search's filters, as far as its traits tell
    (filters on other fields, like colour, are taken as passed). The caller
    checks that both are of one country: a price range is in its currency."""
    for name, values in filters.items():
        if name == "model":
            if traits.model not in values:
                return False
        elif hasattr(traits, name) and getattr(traits, name) not in values:
            return False
    for name, (low, high) in ranges.items():
        value = {"price": traits.price_minor, "year": traits.year}.get(name)
        if value is None:
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            return False
    return True
