"""Emails about messages that wait unread (core/messaging/tasks.py runs this
every minute), one of the alert e-mails of issue 18: the recipient's `messages`
switch (AlertEmailSettings) turns them off, and each carries the one-click
unsubscribe link and headers (core/alerts/unsubscribe.py). At most one email
per conversation and recipient until they read it; in the recipient's
language; the preview escaped like any page."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.alerts.models import AlertEmailSettings
from core.alerts.unsubscribe import Topic, unsubscribe_headers, unsubscribe_label, unsubscribe_url
from core.messaging.models import Conversation, Message, UserBlock
from core.messaging.selectors import unread_notices_due

logger = logging.getLogger(__name__)

PREVIEW_CHARS = 280
# Messages older than this when first seen (say, after an outage of the
# worker) are not worth an email any more: the inbox shows them.
NOT_OLDER_THAN = datetime.timedelta(days=3)
BATCH = 500


def conversation_url(conversation_id: int) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/messages/{conversation_id}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _email(*, conversation: Conversation, unread: list[Message]) -> EmailMultiAlternatives:
    latest = unread[0]
    recipient, sender = latest.recipient, latest.sender
    unsubscribe = unsubscribe_url(user_id=recipient.pk, topic=Topic.MESSAGES)
    with translation.override(recipient.language):
        context = {
            "language": recipient.language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "name": recipient.display_name,
            "sender_name": sender.display_name,
            "listing_title": conversation.listing.title,
            "preview": Truncator(latest.body).chars(PREVIEW_CHARS),
            "unread_count": len(unread),
            "url": conversation_url(conversation.pk),
            "unsubscribe_url": unsubscribe,
            "unsubscribe_label": unsubscribe_label(Topic.MESSAGES),
        }
        subject = _("%(sender)s sent you a message about %(title)s") % {
            "sender": _one_line(sender.display_name),
            "title": _one_line(conversation.listing.title),
        }
        # Both parts go through autoescaping: the preview is someone else's text.
        text = render_to_string("messaging/email/unread_message.txt", context)
        html = render_to_string("messaging/email/unread_message.html", context)
    email = EmailMultiAlternatives(subject=subject, body=text, to=[recipient.email], headers=unsubscribe_headers(unsubscribe))
    email.attach_alternative(html, "text/html")
    return email


def _wants_messages(user_id: int) -> bool:
    """The `messages` switch (no settings row: on)."""
    return not AlertEmailSettings.objects.filter(user_id=user_id, messages=False).exists()


def _notify(*, conversation_id: int, recipient_id: int, waited_since: datetime.datetime, now: datetime.datetime) -> bool:
    """Email one recipient about one conversation, unless another run just did."""
    with transaction.atomic():
        # The row lock makes concurrent runs take turns; the second finds the
        # messages marked and sends nothing.
        conversation = Conversation.objects.select_for_update().select_related("listing").get(pk=conversation_id)
        unread = list(
            Message.objects.select_for_update(of=("self",))
            .select_related("sender", "recipient")
            .filter(conversation_id=conversation_id, recipient_id=recipient_id, read_at__isnull=True)
            .order_by("-id")
        )
        if not unread or any(m.notified_at for m in unread) or not any(m.created_at <= waited_since for m in unread):
            return False
        Message.objects.filter(pk__in=[m.pk for m in unread]).update(notified_at=now)
        recipient = unread[0].recipient
        sender_id = conversation.other_participant_id(recipient_id)
        if (
            not recipient.is_active
            or not _wants_messages(recipient_id)
            or UserBlock.objects.filter(blocker_id=recipient_id, blocked_id=sender_id).exists()
        ):
            return False
        # Sent inside the transaction: if the mail server refuses, the marks
        # roll back and the next run tries again.
        _email(conversation=conversation, unread=unread).send()
    logger.info("messaging.unread_email_sent", extra={"conversation_id": conversation_id, "recipient_id": recipient_id})
    return True


def unread_notices_send(*, now: datetime.datetime | None = None) -> int:
    """Email everyone owed an unread-message email; returns how many were sent."""
    now = now or timezone.now()
    waited_since = now - datetime.timedelta(minutes=settings.MESSAGING_UNREAD_EMAIL_AFTER_MINUTES)
    sent = 0
    for conversation_id, recipient_id in unread_notices_due(
        waited_since=waited_since, not_before=now - NOT_OLDER_THAN, limit=BATCH
    ):
        try:
            sent += _notify(conversation_id=conversation_id, recipient_id=recipient_id, waited_since=waited_since, now=now)
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning(
                "messaging.unread_email_failed",
                extra={"conversation_id": conversation_id, "recipient_id": recipient_id, "error": str(exc)},
            )
    return sent
