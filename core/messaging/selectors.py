"""Reads of messaging. Only a conversation's two participants ever see it:
every read filters on the user, and anything else is DoesNotExist (404)."""

import datetime

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from core.accounts.models import User
from core.listings.models import ListingPhoto
from core.messaging.models import Conversation, Message, UserBlock


def _participant(user: User) -> Q:
    return Q(buyer_id=user.pk) | Q(seller_id=user.pk)


def _for_participant(queryset: QuerySet[Conversation], user: User) -> QuerySet[Conversation]:
    """Participant's conversations with what the inbox shows: unread count,
    last message, listing summary and whether either side blocked the other."""
    unread = (
        Message.objects.filter(conversation_id=OuterRef("pk"), recipient_id=user.pk, read_at__isnull=True)
        .order_by()
        .values("conversation_id")
        .annotate(count=Count("id"))
        .values("count")
    )
    return (
        queryset.filter(_participant(user))
        .select_related("listing__make", "listing__model", "buyer", "seller", "last_message")
        .prefetch_related(Prefetch("listing__photos", queryset=ListingPhoto.objects.order_by("position", "id")))
        .annotate(
            other_id=Case(When(buyer_id=user.pk, then=F("seller_id")), default=F("buyer_id")),
            unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
        )
        .annotate(
            blocked_by_me=Exists(UserBlock.objects.filter(blocker_id=user.pk, blocked_id=OuterRef("other_id"))),
            blocked_me=Exists(UserBlock.objects.filter(blocker_id=OuterRef("other_id"), blocked_id=user.pk)),
        )
    )


def conversation_list_for_user(*, user: User, listing_id: int | None = None) -> QuerySet[Conversation]:
    """The user's conversations, newest activity first."""
    queryset = Conversation.objects.all()
    if listing_id is not None:
        queryset = queryset.filter(listing_id=listing_id)
    return _for_participant(queryset, user).order_by("-last_message_at", "-id")


def conversation_get_for_participant(*, conversation_id: int, user: User) -> Conversation:
    """One of the user's conversations; Conversation.DoesNotExist for anyone else."""
    return _for_participant(Conversation.objects.all(), user).get(pk=conversation_id)


def message_list(*, conversation: Conversation, before: int | None = None, after: int | None = None) -> QuerySet[Message]:
    """A conversation's messages, newest first; `before`/`after` are message ids
    (older pages, and catching up after a reconnect). After a cursor they come
    oldest first: a client that takes a page and moves its cursor to the page's
    last id never jumps over a message, however many arrived meanwhile."""
    queryset = Message.objects.filter(conversation_id=conversation.pk)
    if before is not None:
        queryset = queryset.filter(id__lt=before)
    if after is not None:
        return queryset.filter(id__gt=after).order_by("id")
    return queryset.order_by("-id")


def unread_totals(*, user: User) -> dict[str, int]:
    """What the badge shows: unread messages and the conversations holding them."""
    totals = Message.objects.filter(recipient_id=user.pk, read_at__isnull=True).aggregate(
        messages=Count("id"), conversations=Count("conversation_id", distinct=True)
    )
    return {"unread_count": totals["messages"], "conversations_with_unread": totals["conversations"]}


def unread_notices_due(*, waited_since: datetime.datetime, not_before: datetime.datetime, limit: int) -> list[tuple[int, int]]:
    """(conversation_id, recipient_id) pairs owed an email: a message unread
    since before `waited_since` (and sent after `not_before`), and no email yet
    about any message they have not read in that conversation."""
    already_emailed = Message.objects.filter(
        conversation_id=OuterRef("conversation_id"),
        recipient_id=OuterRef("recipient_id"),
        read_at__isnull=True,
        notified_at__isnull=False,
    )
    pairs = (
        Message.objects.filter(
            read_at__isnull=True, notified_at__isnull=True, created_at__lte=waited_since, created_at__gte=not_before
        )
        .exclude(Exists(already_emailed))
        .order_by()
        .values_list("conversation_id", "recipient_id")
        .distinct()[:limit]
    )
    return list(pairs)
