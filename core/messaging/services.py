"""Every write of messaging. The REST API and the WebSocket both call these,
so validation, authorization, blocking and rate limits are the same on both.
After commit, each change is pushed to both participants' open tabs."""

import logging
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.accounts.models import User
from core.accounts.verification import user_require_verified
from core.errors import Translatable
from core.listings.models import Listing, ListingStatus
from core.messaging.contact import contact_warnings
from core.messaging.exceptions import MessagingForbidden
from core.messaging.models import BODY_MAX, REASON_MAX, Conversation, ConversationReport, Message, ReportStatus, UserBlock
from core.messaging.payloads import message_event, read_event
from core.messaging.rate_limits import send_rate_check
from core.messaging.realtime import publish
from core.push.services import push_message_record

logger = logging.getLogger(__name__)


def _clean_text(value: Any, *, field: str, limit: int, empty: Translatable) -> str:
    """Plain text kept as written but for surrounding whitespace; 1 to `limit` characters."""
    if not isinstance(value, str):
        raise ValidationError({field: [_("Send this as text.")]})
    text = value.strip()
    if not text:
        raise ValidationError({field: [empty]})
    if len(text) > limit:
        raise ValidationError(
            {field: [_("Must be at most %(limit)s characters (this one has %(count)s).") % {"limit": limit, "count": len(text)}]}
        )
    if "\x00" in text:
        raise ValidationError({field: [_("Contains a character that cannot be sent (NUL).")]})
    return text


def _clean_body(body: Any) -> str:
    return _clean_text(body, field="body", limit=BODY_MAX, empty=_("Write a message (1 to 4000 characters)."))


def _locked_for_participant(*, conversation_id: int, user: User) -> Conversation:
    """The conversation row, locked so a conversation's messages are written one at a time."""
    return Conversation.objects.select_for_update().filter(Q(buyer_id=user.pk) | Q(seller_id=user.pk)).get(pk=conversation_id)


def _check_not_blocked(*, sender_id: int, recipient_id: int) -> None:
    blockers = set(
        UserBlock.objects.filter(
            Q(blocker_id=recipient_id, blocked_id=sender_id) | Q(blocker_id=sender_id, blocked_id=recipient_id)
        ).values_list("blocker_id", flat=True)
    )
    if recipient_id in blockers:
        raise MessagingForbidden(_("This user has blocked you: you can no longer send them messages."), code="blocked")
    if sender_id in blockers:
        raise MessagingForbidden(_("You blocked this user. Unblock them to send a message."), code="you_blocked")


def _message_store(*, conversation: Conversation, sender: User, body: str) -> Message:
    """Store a message in a locked conversation; push it to both participants after commit."""
    user_require_verified(sender, to=_("write to other members"))
    recipient_id = conversation.other_participant_id(sender.pk)
    _check_not_blocked(sender_id=sender.pk, recipient_id=recipient_id)
    send_rate_check(user_id=sender.pk)
    message = Message.objects.create(
        conversation=conversation, sender=sender, recipient_id=recipient_id, body=body, warnings=contact_warnings(body)
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message=message, last_message_at=message.created_at)
    conversation.last_message, conversation.last_message_at = message, message.created_at
    transaction.on_commit(partial(publish, user_ids=[sender.pk, recipient_id], payload=message_event(message)), robust=True)
    push_message_record(
        recipient_id=recipient_id,
        conversation_id=conversation.pk,
        sender_name=sender.display_name,
        listing_title=conversation.listing.title,
        body=body,
    )
    logger.info(
        "messaging.message_sent",
        extra={"conversation_id": conversation.pk, "message_id": message.pk, "warnings": message.warnings},
    )
    return message


@transaction.atomic
def conversation_start(*, buyer: User, listing_id: int, body: Any) -> tuple[Conversation, Message, bool]:
    """Write to a listing's seller: opens the buyer's conversation about it, or
    reuses the one they already have. Returns (conversation, message, created)."""
    text = _clean_body(body)
    conversation = Conversation.objects.select_for_update().filter(listing_id=listing_id, buyer_id=buyer.pk).first()
    created = False
    if conversation is None:
        listing = Listing.objects.exclude(status=ListingStatus.DELETED).filter(pk=listing_id).first()
        if listing is not None and listing.seller_id == buyer.pk:
            raise ValidationError({"listing_id": [_("This is your own listing: buyers write to you about it.")]})
        if listing is None or listing.status != ListingStatus.ACTIVE:
            raise ValidationError(
                {"listing_id": [_("This listing is not open for messages (it may be sold, expired or removed).")]}
            )
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(listing=listing, buyer=buyer, seller_id=listing.seller_id)
            created = True
        except IntegrityError:  # the same buyer started it from another tab a moment ago
            conversation = Conversation.objects.select_for_update().get(listing_id=listing_id, buyer_id=buyer.pk)
    message = _message_store(conversation=conversation, sender=buyer, body=text)
    if created:
        logger.info("messaging.conversation_started", extra={"conversation_id": conversation.pk, "listing_id": listing_id})
    return conversation, message, created


@transaction.atomic
def message_send(*, sender: User, conversation_id: int, body: Any) -> Message:
    conversation = _locked_for_participant(conversation_id=conversation_id, user=sender)
    return _message_store(conversation=conversation, sender=sender, body=_clean_body(body))


@transaction.atomic
def conversation_mark_read(*, reader: User, conversation_id: int) -> int:
    """Mark what `reader` received in the conversation as read; tells both
    participants' tabs (read receipts, badges). Returns how many were unread."""
    conversation = Conversation.objects.filter(Q(buyer_id=reader.pk) | Q(seller_id=reader.pk)).get(pk=conversation_id)
    now = timezone.now()
    count = Message.objects.filter(conversation_id=conversation.pk, recipient_id=reader.pk, read_at__isnull=True).update(
        read_at=now
    )
    if count:
        event = read_event(conversation_id=conversation.pk, reader_id=reader.pk, read_at=now)
        transaction.on_commit(
            partial(publish, user_ids=[conversation.buyer_id, conversation.seller_id], payload=event), robust=True
        )
    return count


@transaction.atomic
def user_block(*, blocker: User, conversation_id: int) -> UserBlock:
    """Block the other participant of a conversation: they can no longer send
    to `blocker`, in this conversation or any other. Blocking twice is fine."""
    conversation = _locked_for_participant(conversation_id=conversation_id, user=blocker)
    block, created = UserBlock.objects.get_or_create(
        blocker_id=blocker.pk, blocked_id=conversation.other_participant_id(blocker.pk)
    )
    if created:
        logger.info("messaging.user_blocked", extra={"conversation_id": conversation.pk, "blocker_id": blocker.pk})
    return block


@transaction.atomic
def user_unblock(*, blocker: User, conversation_id: int) -> int:
    conversation = _locked_for_participant(conversation_id=conversation_id, user=blocker)
    deleted, _ = UserBlock.objects.filter(
        blocker_id=blocker.pk, blocked_id=conversation.other_participant_id(blocker.pk)
    ).delete()
    return deleted


@transaction.atomic
def conversation_report(*, reporter: User, conversation_id: int, reason: Any) -> tuple[ConversationReport, bool]:
    """Ask moderators to review a conversation. While the reporter's report is
    open, reporting again returns it. Returns (report, created)."""
    conversation = _locked_for_participant(conversation_id=conversation_id, user=reporter)
    text = _clean_text(reason, field="reason", limit=REASON_MAX, empty=_("Tell the moderators what is wrong."))
    existing = ConversationReport.objects.filter(
        conversation_id=conversation.pk, reporter_id=reporter.pk, status=ReportStatus.OPEN
    ).first()
    if existing is not None:
        return existing, False
    report = ConversationReport.objects.create(conversation=conversation, reporter=reporter, reason=text)
    logger.info("messaging.conversation_reported", extra={"conversation_id": conversation.pk, "report_id": report.pk})
    return report, True


@transaction.atomic
def report_close(*, report_ids: list[int], moderator: User, status: str) -> int:
    """A moderator resolves (acted) or dismisses (no action) open reports."""
    if status not in (ReportStatus.RESOLVED, ReportStatus.DISMISSED):
        raise ValidationError({"status": [_("Must be resolved or dismissed.")]})
    closed = ConversationReport.objects.filter(pk__in=report_ids, status=ReportStatus.OPEN).update(
        status=status, resolved_at=timezone.now(), resolved_by=moderator
    )
    logger.info("messaging.reports_closed", extra={"count": closed, "status": status, "moderator_id": moderator.pk})
    return closed
