"""Reads of listings from PostgreSQL (the source of truth)."""

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from core.accounts.models import User
from core.listings.models import Listing, ListingPhoto, ListingStatus

PUBLIC_STATUSES = (ListingStatus.ACTIVE,)


def _with_relations(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    return queryset.select_related("make", "model", "seller").prefetch_related(
        Prefetch("photos", queryset=ListingPhoto.objects.order_by("position", "id"))
    )


def listing_get(*, listing_id: int, user: User | None = None) -> Listing:
    """A listing as `user` may see it: active ones for anyone, any status but
    deleted for its seller (and staff). Raises Listing.DoesNotExist otherwise."""
    listing = _with_relations(Listing.objects.exclude(status=ListingStatus.DELETED)).get(pk=listing_id)
    if listing.status in PUBLIC_STATUSES:
        return listing
    if user is not None and user.is_authenticated and (user.pk == listing.seller_id or user.is_staff):
        return listing
    raise Listing.DoesNotExist


def listing_get_owned(*, listing_id: int, user: User) -> Listing:
    """A listing its seller (or staff) may change; DoesNotExist for anyone else."""
    listing = _with_relations(Listing.objects.exclude(status=ListingStatus.DELETED)).get(pk=listing_id)
    if user.pk != listing.seller_id and not user.is_staff:
        raise Listing.DoesNotExist
    return listing


def listing_list_for_seller(*, seller: User, status: str | None = None) -> QuerySet[Listing]:
    queryset = Listing.objects.filter(seller=seller).exclude(status=ListingStatus.DELETED)
    if status:
        queryset = queryset.filter(status=status)
    return _with_relations(queryset).order_by("-updated_at", "-id")


def _for_index(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    # Exactly what a search document needs (indexer/documents.py), nothing more.
    return queryset.select_related("make", "model").prefetch_related(
        Prefetch("photos", queryset=ListingPhoto.objects.order_by("position", "id").only("listing_id", "thumbnail", "position"))
    )


def listings_by_ids(ids: Iterable[int]) -> dict[int, Listing]:
    """Listings with everything their search document needs, by id."""
    return {listing.pk: listing for listing in _for_index(Listing.objects.filter(pk__in=list(ids)))}


def listings_iter_all(*, chunk_size: int = 2000) -> Iterator[Listing]:
    """Every listing, streamed from a server-side cursor (never all in memory)."""
    return _for_index(Listing.objects.order_by("pk")).iterator(chunk_size=chunk_size)
