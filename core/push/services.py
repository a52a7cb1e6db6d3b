"""Registering devices and recording the pushes owed to their users (core/push/models.py)."""

import logging
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.accounts.models import AccessToken, Language, User
from core.outbox.services import TaskRequests, task_request
from core.push.models import TOKEN_MAX, Device, Platform, Push, PushKind

logger = logging.getLogger(__name__)

# Expo's push tokens: ExponentPushToken[…] (and the newer ExpoPushToken[…]).
EXPO_TOKEN = re.compile(r"^Expo(nent)?PushToken\[[A-Za-z0-9_-]{1,200}\]$")
PREVIEW_CHARS = 140
SEND_TASK = "push.send"


def _clean_device(data: Any, user: User) -> dict[str, str]:
    data = data if isinstance(data, dict) else {}
    errors: dict[str, list[Any]] = {}
    token = data.get("token")
    token = token.strip() if isinstance(token, str) else ""
    if len(token) > TOKEN_MAX or not EXPO_TOKEN.match(token):
        errors["token"] = [_("Send this device's Expo push token: ExponentPushToken[…].")]
    platform = data.get("platform")
    if platform not in Platform.values:
        errors["platform"] = [_("Must be ios or android.")]
    language = data.get("language", user.preferred_language)
    if language not in Language.values:
        errors["language"] = [_("Must be en or ar.")]
    if errors:
        raise ValidationError(errors)
    return {"token": token, "platform": platform, "language": language}


@transaction.atomic
def device_register(*, user: User, data: Any, access_token: AccessToken | None = None) -> Device:
    """Register (or register again) this app's push token for `user`, in `language`,
    by the sign-in `access_token` (the app's; None for a browser session).

    Idempotent per token; a token registered by another account moves to this
    one (the phone changed hands, or its owner signed in as someone else).
    A user keeps their PUSH_DEVICES_MAX most recently registered devices.
    """
    fields = _clean_device(data, user)
    device, created = Device.objects.update_or_create(
        token=fields["token"],
        defaults={
            "user": user,
            "access_token": access_token,
            "platform": fields["platform"],
            "language": fields["language"],
            "registered_at": timezone.now(),
        },
    )
    older = Device.objects.filter(user=user).order_by("-registered_at", "-id").values_list("pk", flat=True)
    Device.objects.filter(pk__in=list(older[settings.PUSH_DEVICES_MAX :])).delete()
    logger.info("push.device_registered", extra={"device_id": device.pk, "user_id": user.pk, "new": created})
    return device


def device_delete(*, user: User, device_id: int) -> None:
    """Stop pushing to one of `user`'s devices (Device.DoesNotExist if it is not theirs)."""
    Device.objects.get(pk=device_id, user=user).delete()


def push_request_send() -> bool:
    return task_request(SEND_TASK, failure_event="push.send_request_failed")


_send_requests = TaskRequests(SEND_TASK, push_request_send)


def _record(*, user_id: int, kind: str, data: dict[str, Any]) -> None:
    """Owe `user_id` a push, inside the caller's transaction; nothing for a user without devices."""
    if not Device.objects.filter(user_id=user_id).exists():
        return
    Push.objects.create(user_id=user_id, kind=kind, data=data)
    transaction.on_commit(_send_requests.want, robust=True)


def push_message_record(*, recipient_id: int, conversation_id: int, sender_name: str, listing_title: str, body: str) -> None:
    """A new chat message: its recipient's devices hear of it (never the sender's)."""
    _record(
        user_id=recipient_id,
        kind=PushKind.MESSAGE,
        data={
            "conversation_id": conversation_id,
            "sender": sender_name,
            "listing": listing_title,
            "preview": Truncator(" ".join(body.split())).chars(PREVIEW_CHARS),
        },
    )


def push_alert_record(*, user_id: int, saved_search_id: int, name: str, listing_ids: list[int]) -> None:
    """New matches of a saved search: one push per search and run, however many cars."""
    _record(
        user_id=user_id,
        kind=PushKind.ALERT,
        data={"saved_search_id": saved_search_id, "name": name, "count": len(listing_ids), "listing_id": listing_ids[0]},
    )
