"""Reads of listings from PostgreSQL (the source of truth)."""

from collections.abc import Iterable, Iterator
from typing import Any

import psycopg
from django.db import connection
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce

from core.accounts.models import User
from core.listings.fields import ROW_FIELDS
from core.listings.models import Listing, ListingPhoto, ListingStatus
from core.listings.transitions import PUBLIC_STATUSES

_TIMESTAMPTZ = psycopg.postgres.types["timestamptz"].oid
_TEXT = psycopg.pq.Format.TEXT


def _photos() -> Prefetch:
    return Prefetch("photos", queryset=ListingPhoto.objects.order_by("position", "id"))


def _with_relations(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    return queryset.select_related("make", "model", "seller").prefetch_related(_photos(), "prices")


def listing_with_photos(listing: Listing) -> Listing:
    """A listing a service returned (make, model and seller loaded), with its photos in order and its price history."""
    prefetch_related_objects([listing], _photos(), "prices")
    return listing


def listing_get(*, listing_id: int, user: User | None = None) -> Listing:
    """A listing as `user` may see it: active ones for anyone, any status but
    deleted for its seller (and staff). Raises Listing.DoesNotExist otherwise."""
    listing = _with_relations(Listing.objects.exclude(status=ListingStatus.DELETED)).get(pk=listing_id)
    if listing.status in PUBLIC_STATUSES:
        return listing
    if user is not None and user.is_authenticated and (user.pk == listing.seller_id or user.is_staff):
        return listing
    raise Listing.DoesNotExist


def listing_may_change(*, user: User, listing: Listing) -> bool:
    """Its seller and staff may change a listing; no one else."""
    return user.pk == listing.seller_id or user.is_staff


def listing_get_owned(*, listing_id: int, user: User) -> Listing:
    """A listing its seller (or staff) may change; DoesNotExist for anyone else."""
    listing = _with_relations(Listing.objects.exclude(status=ListingStatus.DELETED)).get(pk=listing_id)
    if not listing_may_change(user=user, listing=listing):
        raise Listing.DoesNotExist
    return listing


def listing_list_for_seller(*, seller: User, status: str | None = None) -> QuerySet[Listing]:
    queryset = Listing.objects.filter(seller=seller).exclude(status=ListingStatus.DELETED)
    if status:
        queryset = queryset.filter(status=status)
    return _with_relations(queryset).order_by("-updated_at", "-id")


# What a search document needs (indexer/documents.py), as plain rows: building
# documents from rows instead of model instances is what lets a full rebuild
# keep up with the engine.
INDEX_ROW_FIELDS = ("id", "version", "status", "seller_id", *ROW_FIELDS)


def _index_rows(queryset: QuerySet[Listing]) -> QuerySet[Listing, dict[str, Any]]:
    photos = ListingPhoto.objects.filter(listing=OuterRef("pk")).order_by()
    return queryset.values(
        *INDEX_ROW_FIELDS,
        make_slug=F("make__slug"),
        make_name_en=F("make__name_en"),
        make_name_ar=F("make__name_ar"),
        model_slug=F("model__slug"),
        model_name_en=F("model__name_en"),
        model_name_ar=F("model__name_ar"),
        thumbnail=Subquery(photos.order_by("position", "id").values("thumbnail")[:1]),
        photo_count=Coalesce(Subquery(photos.values("listing").annotate(n=Count("id")).values("n")[:1]), 0),
    )


def listing_index_rows_by_ids(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Index rows (INDEX_ROW_FIELDS and the make, model and photo columns) by id."""
    return {row["id"]: row for row in _index_rows(Listing.objects.filter(pk__in=list(ids)))}


def listing_index_rows_all(*, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """Every listing's index row, streamed from a server-side cursor (never all in memory).

    The same query and rows as listing_index_rows_by_ids, read on psycopg's own cursor:
    Django's values() iterator converts each row in Python and loads timestamps with a
    pure-Python loader, which took half of a full rebuild (docs/capacity.md); psycopg's
    compiled loaders give the same values (UTC, as the connection's time zone is)."""
    sql, params = _index_rows(Listing.objects.order_by("pk")).query.sql_with_params()
    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors:
        # Outside a transaction the cursor must outlive the statement's own one (WITH HOLD).
        with raw.cursor(name="listing_index_rows", withhold=raw.autocommit) as cursor:
            cursor.adapters.register_loader("timestamptz", psycopg.adapters.get_loader(_TIMESTAMPTZ, _TEXT))
            cursor.execute(sql, params)
            names = [column.name for column in cursor.description or ()]
            while chunk := cursor.fetchmany(chunk_size):
                for values in chunk:
                    yield dict(zip(names, values, strict=True))
