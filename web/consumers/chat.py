"""The chat WebSocket, /ws/chat/ (API.md, Messaging; docs/decisions/messaging.md).

Each signed-in socket joins its user's group, so every open tab of both
participants receives {"type": "message"} and {"type": "read"} events,
whether the change came from REST or from a socket. Frames the client sends
go through the same services as REST; refusals come back as
{"type": "error", "code", "detail"}. After a reconnect the client catches up
through REST (GET .../messages?after=<last id>).
"""

import asyncio
import json
import logging
from typing import Any

import redis.exceptions
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError

from core.errors import DomainError
from core.messaging import services
from core.messaging.models import Conversation
from core.messaging.realtime import user_group
from web.api.errors import validation_body
from web.consumers.token import TOKEN_HANDSHAKE

logger = logging.getLogger(__name__)

# Close codes (4000-4999 are the application's own): the client should not
# retry 4401 without signing in again.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_TRY_AGAIN_LATER = 1013
CLIENT_ID_MAX = 64
DISCARD_TRIES = 4  # over about 3 s


class ChatConsumer(AsyncJsonWebsocketConsumer):
    group: str | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Browsers: refused at the handshake (a failed connection; check the
            # session, GET /api/v1/me, before retrying). A token client reads
            # 4401 from the close frame: its token is wrong or revoked.
            if self.scope.get(TOKEN_HANDSHAKE):
                await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        try:
            await self.channel_layer.group_add(user_group(user.pk), self.channel_name)
        except (redis.exceptions.RedisError, OSError) as exc:
            # Redis down, or every pooled connection busy for the pool's timeout
            # (web/channel_layer.py). Accepted first, so the client reads 1013
            # ("try again later") and backs off, instead of an HTTP 403 that
            # looks like being signed out.
            logger.warning("chat.group_add_failed", extra={"user_id": user.pk, "error": str(exc)})
            await self.accept()
            await self.close(code=CLOSE_TRY_AGAIN_LATER)
            return
        self.group = user_group(user.pk)
        await self.accept()
        logger.info("chat.connected", extra={"user_id": user.pk})

    async def disconnect(self, code: int) -> None:
        if self.group is None:
            return
        # A membership left behind would live a day (channels-redis group_expiry)
        # and every push to this user would be copied to a dead channel: retry.
        for attempt in range(DISCARD_TRIES):
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
                return
            except (redis.exceptions.RedisError, OSError) as exc:
                error = exc
                await asyncio.sleep(0.2 * 2**attempt)
        logger.warning("chat.group_discard_failed", extra={"user_id": self.user.pk, "error": str(error)})

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        if text_data is None:
            await self._error("bad_request", "Send JSON text frames.")
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self._error("bad_request", "This frame is not valid JSON.")
            return
        await self.receive_json(content)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict):
            await self._error("bad_request", 'Send a JSON object with a "type".')
            return
        client_id = content.get("client_id")
        echo: dict[str, Any] = {"client_id": client_id} if isinstance(client_id, str) and len(client_id) <= CLIENT_ID_MAX else {}
        kind = content.get("type")
        if kind not in ("send", "read"):
            await self._error("unknown_type", 'Supported types: "send" and "read".', **echo)
            return
        conversation_id = content.get("conversation_id")
        if not isinstance(conversation_id, int) or isinstance(conversation_id, bool) or not 0 < conversation_id < 2**63:
            await self._error(
                "invalid",
                "conversation_id must be a whole number.",
                errors={"conversation_id": ["Must be a whole number."]},
                **echo,
            )
            return
        echo["conversation_id"] = conversation_id
        try:
            if kind == "send":
                await database_sync_to_async(services.message_send)(
                    sender=self.user, conversation_id=conversation_id, body=content.get("body")
                )
            else:
                await database_sync_to_async(services.conversation_mark_read)(reader=self.user, conversation_id=conversation_id)
        except Conversation.DoesNotExist:
            await self._error("not_found", "No conversation of yours has this id.", **echo)
        except ValidationError as exc:
            errors = validation_body(exc)
            await self._error("invalid", next(iter(errors.values()))[0], errors=errors, **echo)
        except DomainError as exc:
            error = exc.body()
            await self._error(error.pop("code"), error.pop("detail"), **error, **echo)
        except (OperationalError, InterfaceError) as exc:
            logger.error("chat.database_unavailable", extra={"error": str(exc)})
            await self._error("unavailable", "The service is temporarily unavailable. Please try again.", **echo)

    async def chat_event(self, event: dict[str, Any]) -> None:
        """A group event from core/messaging/realtime.py: pass its payload on."""
        await self.send_json(event["payload"])

    async def _error(self, code: str, detail: str, **extra: Any) -> None:
        await self.send_json({"type": "error", "code": code, "detail": detail, **extra})
