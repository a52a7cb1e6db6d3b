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


def token_group(token_id: int) -> str:
    """The sockets a native client opened with one token (its AccessToken's id)."""
    return f"token.{token_id}"


async def _send_all(groups: list[str], event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for group in groups:
        await asyncio.wait_for(layer.group_send(group, event), timeout=PUBLISH_TIMEOUT_SECONDS)


def _publish(groups: list[str], event: dict[str, Any], kind: str) -> None:
    global _down_until
    if not groups or time.monotonic() < _down_until:
        return
    try:
        async_to_sync(_send_all)(groups, event)
    except (redis.exceptions.RedisError, OSError, TimeoutError) as exc:
        _down_until = time.monotonic() + BACKOFF_SECONDS
        logger.warning("messaging.publish_failed", extra={"kind": kind, "error": repr(exc)})


def publish(*, user_ids: list[int], payload: dict[str, Any]) -> None:
    """Send `payload` to every socket of `user_ids`; failures are logged, never raised."""
    _publish([user_group(user_id) for user_id in user_ids], {"type": "chat.event", "payload": payload}, str(payload.get("type")))


def sign_out_sockets(*, token_ids: list[int]) -> None:
    """Close the sockets opened with these tokens, now revoked: the client reads 4401
    (web/consumers/chat.py), as it would on its next handshake. Failures are logged:
    such a socket then stays open until it drops, its token refused everywhere else."""
    _publish([token_group(token_id) for token_id in token_ids], {"type": "chat.signed_out"}, "signed_out")
