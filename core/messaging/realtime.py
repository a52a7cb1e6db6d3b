"""Pushing messaging events to every open tab of a user (web/consumers/chat.py).

Each signed-in socket joins its user's group; services publish after commit.
A Redis outage never fails a write: the message is stored and the client
catches up through REST after it reconnects.
"""

import asyncio
import logging
import time
from typing import Any

import redis.exceptions
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

PUBLISH_TIMEOUT_SECONDS = 1.0
# After a failed publish, skip publishing for a while so writes never queue
# behind a dead Redis (the clients catch up through REST).
BACKOFF_SECONDS = 5.0
_down_until = 0.0


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


async def _send_all(groups: list[str], event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for group in groups:
        await asyncio.wait_for(layer.group_send(group, event), timeout=PUBLISH_TIMEOUT_SECONDS)


def publish(*, user_ids: list[int], payload: dict[str, Any]) -> None:
    """Send `payload` to every socket of `user_ids`; failures are logged, never raised."""
    global _down_until
    if time.monotonic() < _down_until:
        return
    event = {"type": "chat.event", "payload": payload}
    try:
        async_to_sync(_send_all)([user_group(user_id) for user_id in user_ids], event)
    except (redis.exceptions.RedisError, OSError, TimeoutError) as exc:
        _down_until = time.monotonic() + BACKOFF_SECONDS
        logger.warning("messaging.publish_failed", extra={"kind": payload.get("type"), "error": repr(exc)})
