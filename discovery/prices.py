"""Honest prices: the plausibility rule (core/listings/prices.py) fed with
comparable cars from the index (search/market_value.py), for the listing
services' confirm-or-hold step and for the market-value rating."""

from decimal import Decimal
from typing import Any

from django.utils import timezone

from core.catalog.countries import country_get
from core.listings.models import Listing, ListingStatus
from core.listings.prices import Band, PriceVerdict, price_verdict
from core.listings.services import listing_rate_deals
from search.analytics import QueryTimeout
from search.engines.base import EngineError
from search.market_value import Car, Comparables, find_comparables, market_value
from search.money import minor_to_decimal, to_minor


def _band(comparables: Comparables) -> Band | None:
    if not comparables.enough:
        return None
    low, median, high = (comparables.prices.get(percent) for percent in (10.0, 50.0, 90.0))
    if not (low and median and high):
        return None
    return Band(*(minor_to_decimal(minor, decimals=comparables.decimals) for minor in (low, median, high)))


def _car(listing: Listing) -> Car:
    return Car(
        make=listing.make.slug,
        model=listing.model.slug,
        year=listing.year,
        mileage_km=listing.mileage_km,
        country=listing.country,
    )


def _verdict(listing: Listing, band: Band | None) -> PriceVerdict:
    return price_verdict(
        price=listing.price,
        make=listing.make.slug,
        model=listing.model.slug,
        year=listing.year,
        this_year=timezone.localdate().year,
        band=band,
    )


def listing_price_check(listing: Listing) -> PriceVerdict:
    """The verdict on `listing`'s price (the services' PriceCheck). With the engine
    down or slow, the catalog's floor alone judges: a seller's write never fails on search."""
    try:
        band = _band(find_comparables(_car(listing), exclude_id=listing.pk))
    except (EngineError, QueryTimeout):
        band = None
    return _verdict(listing, band)


def listing_market_value(listing: Listing) -> dict[str, Any]:
    """Where `listing`'s price sits among comparable cars; no rating for a price the rule finds implausible."""
    return market_value(
        listing_id=listing.pk,
        car=_car(listing),
        price_minor=to_minor(listing.price, decimals=country_get(listing.country).decimals),
        plausible=lambda comparables: _verdict(listing, _band(comparables)).plausible,
    )


def listings_rate_deals(*, batch: int = 200) -> int:
    """Rate every active listing's price again against today's comparables (markets move;
    a write rates its own listing at once). Returns how many ratings changed."""
    changed = 0
    listings = Listing.objects.filter(status=ListingStatus.ACTIVE).select_related("make", "model").order_by("pk")
    ids = list(listings.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = listings.filter(pk__in=ids[start : start + batch])
        changed += listing_rate_deals(ratings={listing.pk: _rated(listing) for listing in chunk})
    return changed


def _rated(listing: Listing) -> Decimal | None:
    band = _band(find_comparables(_car(listing), exclude_id=listing.pk))
    return _verdict(listing, band).deal_percent
