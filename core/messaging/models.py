"""Messaging between a buyer and a listing's seller.

One conversation per (listing, buyer); the seller is copied from the listing
when the conversation starts (a listing never changes hands). Every write goes
through core/messaging/services.py, which also pushes each change to the
participants' open tabs (core/messaging/realtime.py) after commit.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.listings.models import Listing

BODY_MAX = 4000
REASON_MAX = 1000


class Conversation(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, related_name="conversations")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversations_as_buyer")
    seller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversations_as_seller")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Denormalised by message_send (under the conversation's row lock) so the
    # inbox orders and previews without a subquery per row.
    last_message = models.ForeignKey("Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "buyer"], name="conversation_one_per_listing_buyer"),
            models.CheckConstraint(condition=~models.Q(buyer=models.F("seller")), name="conversation_buyer_is_not_seller"),
        ]
        indexes = [
            models.Index(fields=["buyer", "-last_message_at"], name="conversation_buyer_activity"),
            models.Index(fields=["seller", "-last_message_at"], name="conversation_seller_activity"),
        ]

    def __str__(self) -> str:
        return f"conversation {self.pk} about listing {self.listing_id}"

    def other_participant_id(self, user_id: int) -> int:
        return self.seller_id if user_id == self.buyer_id else self.buyer_id


class MessageWarning(models.TextChoices):
    """Contact details in a message: it still goes through, with a gentle warning."""

    PHONE_NUMBER = "phone_number", "Contains a phone number"
    LINK = "link", "Contains a link"
    EMAIL = "email", "Contains an email address"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The other participant, stored so unread counts are one indexed filter.
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Plain text as written (trimmed); escaped wherever it is shown.
    body = models.TextField(max_length=BODY_MAX)
    warnings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)
    # When the recipient was emailed about it (one email per conversation and
    # recipient until they read: core/messaging/notices.py).
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["conversation", "-id"], name="message_conversation_recent"),
            models.Index(fields=["recipient", "conversation"], condition=models.Q(read_at__isnull=True), name="message_unread"),
        ]

    def __str__(self) -> str:
        return f"message {self.pk} in conversation {self.conversation_id}"


class UserBlock(models.Model):
    """`blocker` no longer receives messages from `blocked` (in any conversation)."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="user_block_once"),
            models.CheckConstraint(condition=~models.Q(blocker=models.F("blocked")), name="user_block_not_self"),
        ]

    def __str__(self) -> str:
        return f"user {self.blocker_id} blocks user {self.blocked_id}"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved (action taken)"
    DISMISSED = "dismissed", "Dismissed (no action)"


class ConversationReport(models.Model):
    """A participant asks moderators to look at a conversation (the admin queue)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(max_length=REASON_MAX)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"], name="report_queue")]
        constraints = [
            # One open report per reporter and conversation; reporting again returns it.
            models.UniqueConstraint(
                fields=["conversation", "reporter"],
                condition=models.Q(status="open"),
                name="report_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"report {self.pk} on conversation {self.conversation_id} ({self.status})"
