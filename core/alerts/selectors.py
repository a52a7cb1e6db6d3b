"""Reads of saved searches and notifications."""

from django.db.models import Count, Prefetch, Q, QuerySet

from core.accounts.models import User
from core.alerts.models import Notification, SavedSearch
from core.listings.models import ListingPhoto, ListingStatus

# A notification shows while its listing is on the market.
VISIBLE = Q(listing__status=ListingStatus.ACTIVE)


def saved_searches_for_user(*, user: User) -> QuerySet[SavedSearch]:
    """The user's saved searches, newest first, each with its unread notifications counted."""
    unread = Q(notifications__read_at__isnull=True, notifications__listing__status=ListingStatus.ACTIVE)
    return (
        SavedSearch.objects.filter(user=user)
        .annotate(unread_count=Count("notifications", filter=unread))
        .order_by("-created_at", "-id")
    )


def saved_search_get(*, user: User, saved_search_id: int) -> SavedSearch:
    """One of the user's saved searches; SavedSearch.DoesNotExist for anyone else's."""
    return saved_searches_for_user(user=user).get(pk=saved_search_id)


def saved_searches_alerting() -> QuerySet[SavedSearch]:
    """Searches whose alert is on, the longest unchecked first."""
    return SavedSearch.objects.filter(alert=True, user__is_active=True).order_by("checked_until", "id")


def notifications_for_user(*, user: User, unread: bool = False, saved_search_id: int | None = None) -> QuerySet[Notification]:
    """The user's notifications about listings still on the market, newest first."""
    queryset = Notification.objects.filter(user=user).filter(VISIBLE)
    if unread:
        queryset = queryset.filter(read_at__isnull=True)
    if saved_search_id is not None:
        queryset = queryset.filter(saved_search_id=saved_search_id)
    return (
        queryset.select_related("saved_search", "listing__make", "listing__model")
        .prefetch_related(Prefetch("listing__photos", queryset=ListingPhoto.objects.order_by("position", "id")))
        .order_by("-created_at", "-id")
    )


def notifications_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).filter(VISIBLE).count()
