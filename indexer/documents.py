"""Listing → search document: the one place the index's projection is made.

Documents are built from plain rows (core/listings/selectors.py, index rows),
the same way for the relay, reconciliation and a full rebuild.
"""

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

import orjson
from django.core.files.storage import default_storage

from core.catalog.countries import country_get
from core.catalog.enums import enum_label
from core.listings.fields import FIELDS, LABELLED, Choice, Kind, Moment, Money, Percent
from core.listings.transitions import INDEXED_STATUSES
from search.engines.base import BulkOp
from search.money import to_minor

__all__ = ["INDEXED_STATUSES", "document_hash", "listing_document", "listing_op"]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _as_indexed(kind: Kind) -> Callable[[Any, int], Any] | None:
    """How the index holds a value of this kind (given its currency's decimals): integer minor
    units of the currency, ISO moments, no empty enum values; None where it is held as it is."""
    if isinstance(kind, Money):
        return lambda value, decimals: None if value is None else to_minor(value, decimals=decimals)
    if isinstance(kind, Moment):
        return lambda value, _: value.isoformat() if value else None
    if isinstance(kind, Percent):
        return lambda value, _: None if value is None else float(value)
    if isinstance(kind, Choice):
        return lambda value, _: value or None
    return None


# Listing field → document key (and conversion), for the fields the document holds as they
# are. A full rebuild builds a million of these: the fields kept as they are skip the call.
AS_IS = tuple((field.name, field.index) for field in FIELDS if field.index and _as_indexed(field.kind) is None)
CONVERTED = tuple((field.name, field.index, indexed) for field in FIELDS if field.index and (indexed := _as_indexed(field.kind)))


def listing_document(row: Mapping[str, Any]) -> dict[str, Any]:
    labels = [str(row["year"])]
    for field, enum in LABELLED:
        value = row[field]
        if value:
            labels.extend(enum_label(enum, value))
    make, model = row["make_slug"], row["model_slug"]
    thumbnail = row["thumbnail"]
    decimals = country_get(row["country"]).decimals
    return {
        "id": row["id"],
        "version": row["version"],
        "status": row["status"],
        "seller_id": row["seller_id"],
        **{key: row[name] for name, key in AS_IS},
        **{key: indexed(row[name], decimals) for name, key, indexed in CONVERTED},
        "make": make,
        "model": model,
        "make_model": f"{make}/{model}",
        "make_name_en": row["make_name_en"],
        "make_name_ar": row["make_name_ar"],
        "model_name_en": row["model_name_en"],
        "model_name_ar": row["model_name_ar"],
        "keywords": " ".join(labels),
        "suggest": f"{row['make_name_en']} {row['model_name_en']} {row['make_name_ar']} {row['model_name_ar']}",
        "thumbnail_url": default_storage.url(thumbnail) if thumbnail else None,
        "photo_count": row["photo_count"],
        # Sorting by newest needs one on every document.
        "published_at": _iso(row["published_at"] or row["created_at"]),
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
