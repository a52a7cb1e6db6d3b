"""The country a search is scoped to: every buyer-facing query, facet, suggestion
and market figure counts one country's listings, in its currency, never a mix
(ARCHITECTURE.md, "Money, language, place"; docs/decisions/countries.md).

The countries come from core/catalog/countries.py through settings
(SEARCH_COUNTRIES), since search/ imports nothing of core.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class Market:
    country: str  # lowercase ISO 3166-1 alpha-2
    currency: str  # ISO 4217
    decimals: int  # of the currency's minor unit, the unit of prices in the index
    regions: frozenset[str]
    price_scale: int  # its prices against Bahrain's, roughly (core/catalog/countries.py): the price buckets' scale


@cache
def _markets() -> dict[str, Market]:
    countries: dict[str, dict[str, Any]] = settings.SEARCH_COUNTRIES
    return {
        code: Market(
            country=code,
            currency=spec["currency"],
            decimals=spec["decimals"],
            regions=frozenset(spec["regions"]),
            price_scale=spec["price_scale"],
        )
        for code, spec in countries.items()
    }


def market_codes() -> tuple[str, ...]:
    return tuple(_markets())


def market_get(country: str | None = None) -> Market:
    """The market of a country code (the default country's without one); KeyError for an unknown code."""
    return _markets()[country or settings.SEARCH_DEFAULT_COUNTRY]


def region_country(region: str) -> str:
    """The country a region is in (region slugs are unique across countries)."""
    return next(market.country for market in _markets().values() if region in market.regions)


def country_filter(country: str) -> dict[str, object]:
    """The filter clause that keeps a query within one country."""
    return {"term": {"country": country}}
