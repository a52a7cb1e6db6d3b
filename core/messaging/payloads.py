"""The JSON shapes of messaging that REST and the WebSocket share (API.md,
Messaging), so a message looks the same wherever a client receives it."""

import datetime
from typing import Any

from django.utils import timezone

from core.messaging.models import Message


def iso(value: datetime.datetime | None) -> str | None:
    """As DRF writes datetimes: ISO 8601 in the site's zone."""
    if value is None:
        return None
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def message_payload(message: Message) -> dict[str, Any]:
    return {
        "id": message.pk,
        "conversation_id": message.conversation_id,
        "sender_id": message.sender_id,
        "body": message.body,
        "created_at": iso(message.created_at),
        "read_at": iso(message.read_at),
        "warnings": list(message.warnings),
    }


def message_event(message: Message) -> dict[str, Any]:
    return {"type": "message", "conversation_id": message.conversation_id, "message": message_payload(message)}


def read_event(*, conversation_id: int, reader_id: int, read_at: datetime.datetime) -> dict[str, Any]:
    return {"type": "read", "conversation_id": conversation_id, "reader_id": reader_id, "read_at": iso(read_at)}
