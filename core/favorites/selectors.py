"""Reads of favourites."""

from django.db.models import Prefetch, Q, QuerySet

from core.accounts.models import User
from core.favorites.models import Favorite
from core.listings.models import ListingPhoto, ListingStatus
from core.listings.transitions import PUBLIC_STATUSES


def _visible_to_owner(user: User) -> Q:
    # The listings the user may open now (as listing_get decides): a sold or
    # withdrawn car drops out of the list and comes back if it is relisted.
    if user.is_staff:
        return ~Q(listing__status=ListingStatus.DELETED)
    return Q(listing__status__in=PUBLIC_STATUSES) | (Q(listing__seller=user) & ~Q(listing__status=ListingStatus.DELETED))


def _favorites(user: User) -> QuerySet[Favorite]:
    return Favorite.objects.filter(user=user).filter(_visible_to_owner(user))


def favorites_for_user(*, user: User) -> QuerySet[Favorite]:
    """The user's favourites they can still open, newest favourite first."""
    return (
        _favorites(user)
        .select_related("listing__make", "listing__model", "listing__seller")
        .prefetch_related(Prefetch("listing__photos", queryset=ListingPhoto.objects.order_by("position", "id")))
        .order_by("-created_at", "-id")
    )


def favorite_listing_ids(*, user: User) -> list[int]:
    """Ids of every listing the user keeps (to show the hearts on search results)."""
    return list(_favorites(user).order_by("-created_at", "-id").values_list("listing_id", flat=True))
