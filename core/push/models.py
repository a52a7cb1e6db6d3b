"""Push notifications to the mobile app (issue 22; docs/decisions/push.md).

A Device is one installed app's Expo push token, registered by its signed-in
user. A Push is a notification owed to a user, written in the same transaction
as what it tells about (a message, new alert matches) and deleted once the
worker handed it to the push service (core/push/delivery.py): an outbox, so a
broker or push-service outage delays pushes but loses none. A PushTicket is a
message the push service took, whose receipt is yet to be read
(core/push/receipts.py): it may still say the app was uninstalled.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.accounts.models import AccessToken, Language

TOKEN_MAX = 255
TICKET_ID_MAX = 64


class Platform(models.TextChoices):
    IOS = "ios", "iOS"
    ANDROID = "android", "Android"


class Device(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_devices")
    # ExponentPushToken[…]: one per installed app; it moves to whoever registers it last.
    token = models.CharField(max_length=TOKEN_MAX, unique=True)
    platform = models.CharField(max_length=8, choices=Platform.choices)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.EN)
    # The sign-in that registered it: signing that phone out (its token revoked) removes it too.
    access_token = models.ForeignKey(AccessToken, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-registered_at", "-id"]
        indexes = [models.Index(fields=["user", "-registered_at"], name="device_user_registered")]

    def __str__(self) -> str:
        return f"{self.platform} device {self.pk} of user {self.user_id}"


class PushKind(models.TextChoices):
    MESSAGE = "message", "New message"
    ALERT = "alert", "New matches of a saved search"


class Push(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=PushKind.choices)
    # What the text is made of, rendered in each device's language when sent.
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} push {self.pk} for user {self.user_id}"


class PushTicket(models.Model):
    """A message Expo accepted (its ticket id), until its receipt is read (core/push/receipts.py)."""

    ticket_id = models.CharField(max_length=TICKET_ID_MAX, unique=True)
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["created_at"], name="push_ticket_created")]

    def __str__(self) -> str:
        return f"ticket {self.ticket_id} of device {self.device_id}"
