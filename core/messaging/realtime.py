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


def session_group(session_key: str) -> str:
    """The sockets a browser opened with one session (its cookie)."""
    return f"session.{session_key}"


def password_group(user_id: int, session_auth_hash: str) -> str:
    """The sockets browsers opened while the account had one password (Django's
    session auth hash follows the password): a new password closes them all."""
    return f"password.{user_id}.{session_auth_hash[:24]}"


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


def sign_out_sockets(groups: list[str]) -> None:
    """Close the sockets of these groups, whose sign-in (a token, a session, a password)
    just ended: the client reads 4401 (web/consumers/chat.py), as it would on its next
    handshake. Failures are logged: such a socket then stays open until it drops, its
    sign-in refused everywhere else."""
    _publish(groups, {"type": "chat.signed_out"}, "signed_out")
