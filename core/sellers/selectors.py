"""Reads of a seller's public profile and of the numbers behind each listing."""

import datetime
import statistics
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.accounts.models import User
from core.events.models import ListingEvent, ListingEventKind
from core.favorites.models import Favorite
from core.listings.leads import seller_badges
from core.listings.models import LeadChannel, Listing, ListingLead, ListingStatus
from core.messaging.models import Conversation, Message

# The typical response time is the median over the seller's conversations of this recent past.
RESPONSE_WINDOW_DAYS = 90
RESPONSE_SAMPLE = 200
MAX_STATS_DAYS = 90


@dataclass(frozen=True)
class SellerProfile:
    seller: User
    badges: list[str]
    active_listings: int
    typical_response_minutes: int | None


def seller_get(*, seller_id: int) -> User:
    """An active seller (a suspended one is DoesNotExist, as an unknown one)."""
    return User.objects.get(pk=seller_id, is_active=True)


def seller_listings(*, seller: User) -> QuerySet[Listing]:
    return (
        Listing.objects.filter(seller=seller, status=ListingStatus.ACTIVE)
        .select_related("make", "model")
        .prefetch_related("photos")
        .order_by("-published_at", "-id")
    )


def _typical_response_minutes(seller: User) -> int | None:
    """The median time from a buyer's first message to the seller's first reply, in minutes."""
    since = timezone.now() - datetime.timedelta(days=RESPONSE_WINDOW_DAYS)
    first_reply = (
        Message.objects.filter(conversation=OuterRef("pk"), sender=seller).order_by("created_at").values("created_at")[:1]
    )
    rows = (
        Conversation.objects.filter(seller=seller, created_at__gte=since)
        .annotate(replied_at=Subquery(first_reply))
        .exclude(replied_at=None)
        .order_by("-created_at")
        .values_list("created_at", "replied_at")[:RESPONSE_SAMPLE]
    )
    waits = [(replied - asked).total_seconds() / 60 for asked, replied in rows]
    return max(1, round(statistics.median(waits))) if waits else None


def seller_profile(*, seller: User) -> SellerProfile:
    return SellerProfile(
        seller=seller,
        badges=seller_badges(seller),
        active_listings=seller_listings(seller=seller).count(),
        typical_response_minutes=_typical_response_minutes(seller),
    )


def _per_day(queryset: QuerySet[Any]) -> Any:
    """(local day of created_at, how many) rows."""
    return (
        queryset.annotate(created_day=TruncDate("created_at"))
        .values("created_day")
        .annotate(n=Count("id"))
        .values_list("created_day", "n")
    )


def listing_stats(*, listing: Listing, days: int) -> list[dict[str, Any]]:
    """Views, saves and leads (messages, calls, WhatsApp) of `listing` for each of the last `days` days, oldest first."""
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    by_day: dict[datetime.date, dict[str, int]] = {
        first + datetime.timedelta(days=n): {"views": 0, "saves": 0, "messages": 0, "calls": 0, "whatsapp": 0}
        for n in range(days)
    }

    def add(rows: Any, key: str) -> None:
        for day, count in rows:
            if day in by_day:
                by_day[day][key] += count

    add(
        ListingEvent.objects.filter(listing_id=listing.pk, kind=ListingEventKind.VIEW, day__gte=first)
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n"),
        "views",
    )
    add(_per_day(Favorite.objects.filter(listing=listing, created_at__gte=since)), "saves")
    add(_per_day(Conversation.objects.filter(listing=listing, created_at__gte=since)), "messages")
    for channel, key in ((LeadChannel.CALL, "calls"), (LeadChannel.WHATSAPP, "whatsapp")):
        add(_per_day(ListingLead.objects.filter(listing=listing, channel=channel, created_at__gte=since)), key)
    return [{"day": day.isoformat(), **counts} for day, counts in sorted(by_day.items())]
