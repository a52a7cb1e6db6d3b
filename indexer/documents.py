"""Listing → search document: the one place the index's projection is made."""

from typing import Any

from core.catalog.selectors import enum_label
from core.listings.models import Listing, ListingStatus
from search.engines.base import BulkOp
from search.money import to_fils

# Sold and expired listings stay in the index (status filtered out of buyer
# search) for market statistics; drafts and deleted listings leave it.
INDEXED_STATUSES = frozenset({ListingStatus.ACTIVE, ListingStatus.SOLD, ListingStatus.EXPIRED})

# Listing field → enum, for the bilingual labels that make free text find "gcc" or "أبيض".
LABELLED = (
    ("body_type", "body_type"),
    ("fuel", "fuel"),
    ("transmission", "transmission"),
    ("drivetrain", "drivetrain"),
    ("exterior_color", "color"),
    ("regional_spec", "regional_spec"),
    ("condition", "condition"),
    ("governorate", "governorate"),
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def listing_document(listing: Listing) -> dict[str, Any]:
    photos = list(listing.photos.all())
    labels: list[str] = [str(listing.year)]
    for field, enum in LABELLED:
        value = getattr(listing, field)
        if value:
            labels.extend(enum_label(enum, value))
    make, model = listing.make, listing.model
    return {
        "id": listing.pk,
        "version": listing.version,
        "status": listing.status,
        "seller_id": listing.seller_id,
        "seller_type": listing.seller_type,
        "make": make.slug,
        "model": model.slug,
        "make_model": f"{make.slug}/{model.slug}",
        "make_name_en": make.name_en,
        "make_name_ar": make.name_ar,
        "model_name_en": model.name_en,
        "model_name_ar": model.name_ar,
        "title": listing.title,
        "trim": listing.trim,
        "description": listing.description,
        "keywords": " ".join(labels),
        "suggest": f"{make.name_en} {model.name_en} {make.name_ar} {model.name_ar}",
        "year": listing.year,
        "price_fils": to_fils(listing.price),
        "mileage_km": listing.mileage_km,
        "currency": listing.currency,
        "country": listing.country,
        "body_type": listing.body_type,
        "fuel": listing.fuel,
        "transmission": listing.transmission,
        "drivetrain": listing.drivetrain or None,
        "color": listing.exterior_color or None,
        "regional_spec": listing.regional_spec,
        "condition": listing.condition,
        "governorate": listing.governorate,
        "thumbnail_url": photos[0].thumbnail.url if photos else None,
        "photo_count": len(photos),
        "created_at": _iso(listing.created_at),
        "published_at": _iso(listing.published_at or listing.created_at),
        "updated_at": _iso(listing.updated_at),
        "sold_at": _iso(listing.sold_at),
        "expires_at": _iso(listing.expires_at),
    }


def listing_op(listing: Listing, *, index: str) -> BulkOp:
    """The external-versioned write that makes the index match this row."""
    if listing.status in INDEXED_STATUSES:
        return BulkOp("index", index, str(listing.pk), listing.version, listing_document(listing))
    return BulkOp("delete", index, str(listing.pk), listing.version)
