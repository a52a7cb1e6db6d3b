"""Listing → search document: the one place the index's projection is made.

Documents are built from plain rows (core/listings/selectors.py, index rows),
the same way for the relay, reconciliation and a full rebuild.
"""

import hashlib
from collections.abc import Mapping
from typing import Any

import orjson
from django.core.files.storage import default_storage

from core.catalog.enums import enum_label
from core.listings.models import ListingStatus
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


def listing_document(row: Mapping[str, Any]) -> dict[str, Any]:
    labels = [str(row["year"])]
    for field, enum in LABELLED:
        value = row[field]
        if value:
            labels.extend(enum_label(enum, value))
    make, model = row["make_slug"], row["model_slug"]
    thumbnail = row["thumbnail"]
    return {
        "id": row["id"],
        "version": row["version"],
        "status": row["status"],
        "seller_id": row["seller_id"],
        "seller_type": row["seller_type"],
        "make": make,
        "model": model,
        "make_model": f"{make}/{model}",
        "make_name_en": row["make_name_en"],
        "make_name_ar": row["make_name_ar"],
        "model_name_en": row["model_name_en"],
        "model_name_ar": row["model_name_ar"],
        "title": row["title"],
        "trim": row["trim"],
        "description": row["description"],
        "keywords": " ".join(labels),
        "suggest": f"{row['make_name_en']} {row['model_name_en']} {row['make_name_ar']} {row['model_name_ar']}",
        "year": row["year"],
        "price_fils": to_fils(row["price"]),
        "mileage_km": row["mileage_km"],
        "currency": row["currency"],
        "country": row["country"],
        "body_type": row["body_type"],
        "fuel": row["fuel"],
        "transmission": row["transmission"],
        "drivetrain": row["drivetrain"] or None,
        "color": row["exterior_color"] or None,
        "regional_spec": row["regional_spec"],
        "condition": row["condition"],
        "governorate": row["governorate"],
        "thumbnail_url": default_storage.url(thumbnail) if thumbnail else None,
        "photo_count": row["photo_count"],
        "created_at": _iso(row["created_at"]),
        "published_at": _iso(row["published_at"] or row["created_at"]),
        "updated_at": _iso(row["updated_at"]),
        "sold_at": _iso(row["sold_at"]),
        "expires_at": _iso(row["expires_at"]),
    }


def document_hash(document: Mapping[str, Any]) -> str:
    """A fingerprint of a document's content, its version aside: reconciliation
    compares the index's copy with the database's (indexer/reconcile.py)."""
    content = {key: value for key, value in document.items() if key != "version"}
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


def listing_op(row: Mapping[str, Any], *, index: str) -> BulkOp:
    """The external-versioned write that makes the index match this row."""
    if row["status"] in INDEXED_STATUSES:
        return BulkOp("index", index, str(row["id"]), row["version"], listing_document(row))
    return BulkOp("delete", index, str(row["id"]), row["version"])
