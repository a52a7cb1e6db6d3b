"""The chat WebSocket, /ws/chat/ (API.md, Messaging; docs/decisions/messaging.md).

Each signed-in socket joins its user's group, so every open tab of both
participants receives {"type": "message"} and {"type": "read"} events,
whether the change came from REST or from a socket. Frames the client sends
go through the same services as REST; refusals come back as
{"type": "error", "code", "detail"}, in the user's language (their
preferred_language, else the handshake's Accept-Language). After a reconnect the client catches up
through REST (GET .../messages?after=<last id>).

A socket opened with a token also joins that token's group: revoking the
token (signing out, `/me/tokens`, a new password) closes it with 4401.
"""

import asyncio
import json
import logging
from typing import Any

import redis.exceptions
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.accounts.models import AccessToken, User
from core.errors import DomainError
from core.messaging import services
from core.messaging.models import Conversation
from core.messaging.realtime import password_group, session_group, token_group, user_group
from web.api.errors import validation_body
from web.consumers.token import ACCESS_TOKEN_ID, TOKEN_HANDSHAKE
from web.languages import accept_language

logger = logging.getLogger(__name__)

# Close codes (4000-4999 are the application's own): the client should not
# retry 4401 without signing in again.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_TRY_AGAIN_LATER = 1013
CLIENT_ID_MAX = 64
DISCARD_TRIES = 4  # over about 3 s


class FrameError(DomainError):
    """A frame the socket cannot read or does not know."""

    code = "bad_request"


class ChatConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: tuple[str, ...] = ()

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
        self.handshake_language = accept_language(dict(self.scope.get("headers") or []).get(b"accept-language", b""))
        self.language = user.preferred_language or self.handshake_language
        token_id = self.scope.get(ACCESS_TOKEN_ID)
        groups = (user_group(user.pk),) + ((token_group(token_id),) if token_id is not None else self._session_groups(user))
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined += (group,)
        except (redis.exceptions.RedisError, OSError) as exc:
            # Redis down, or every pooled connection busy for the pool's timeout
            # (web/channel_layer.py). Accepted first, so the client reads 1013
            # ("try again later") and backs off, instead of an HTTP 403 that
            # looks like being signed out.
            logger.warning("chat.group_add_failed", extra={"user_id": user.pk, "error": str(exc)})
            await self.accept()
            await self.close(code=CLOSE_TRY_AGAIN_LATER)
            return
        await self.accept()
        if token_id is not None and not await self._token_alive(token_id):
            # Revoked between the handshake's check and joining its group: its close event went by.
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        logger.info("chat.connected", extra={"user_id": user.pk})

    def _session_groups(self, user: Any) -> tuple[str, ...]:
        """A browser's socket closes when its session signs out or the password changes."""
        session_key = getattr(self.scope.get("session"), "session_key", None)
        by_password = (password_group(user.pk, user.get_session_auth_hash()),)
        return ((session_group(session_key),) if session_key else ()) + by_password

    @staticmethod
    @database_sync_to_async
    def _token_alive(token_id: int) -> bool:
        try:
            return AccessToken.objects.filter(pk=token_id).exists()
        except (OperationalError, InterfaceError):
            return True  # the database cannot say: the token was good a moment ago

    async def disconnect(self, code: int) -> None:
        # A membership left behind would live a day (channels-redis group_expiry)
        # and every push to this user would be copied to a dead channel: retry.
        for group in self.groups_joined:
            await self._leave(group)

    async def _leave(self, group: str) -> None:
        for attempt in range(DISCARD_TRIES):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
                return
            except (redis.exceptions.RedisError, OSError) as exc:
                error = exc
                await asyncio.sleep(0.2 * 2**attempt)
        logger.warning("chat.group_discard_failed", extra={"user_id": self.user.pk, "group": group, "error": str(error)})

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        echo: dict[str, Any] = {}
        try:
            await self._handle(text_data, echo)
        except (FrameError, Conversation.DoesNotExist, ValidationError, DomainError, OperationalError, InterfaceError) as exc:
            # Read as the refusal is sent, in the language the user has now (they may
            # have switched it, which saves it on their account, since the socket opened).
            with translation.override(await self._language()):
                await self.send_json({"type": "error", **self._refusal(exc), **echo})

    async def _handle(self, text_data: str | None, echo: dict[str, Any]) -> None:
        """Do what one frame asks; a refusal is raised. `echo` collects what the error frame repeats."""
        if text_data is None:
            raise FrameError(_("Send JSON text frames."))
        try:
            content = json.loads(text_data)
        except ValueError:
            raise FrameError(_("This frame is not valid JSON.")) from None
        if not isinstance(content, dict):
            raise FrameError(_('Send a JSON object with a "type".'))
        client_id = content.get("client_id")
        if isinstance(client_id, str) and len(client_id) <= CLIENT_ID_MAX:
            echo["client_id"] = client_id
        kind = content.get("type")
        if kind not in ("send", "read"):
            raise FrameError(_('Supported types: "send" and "read".'), code="unknown_type")
        conversation_id = content.get("conversation_id")
        if not isinstance(conversation_id, int) or isinstance(conversation_id, bool) or not 0 < conversation_id < 2**63:
            raise FrameError(
                _("conversation_id must be a whole number."),
                code="invalid",
                errors={"conversation_id": [_("Must be a whole number.")]},
            )
        echo["conversation_id"] = conversation_id
        if kind == "send":
            await database_sync_to_async(services.message_send)(
                sender=self.user, conversation_id=conversation_id, body=content.get("body")
            )
        else:
            await database_sync_to_async(services.conversation_mark_read)(reader=self.user, conversation_id=conversation_id)

    @staticmethod
    def _refusal(exc: Exception) -> dict[str, Any]:
        """{"code", "detail", …} of a refusal, read in the active language."""
        if isinstance(exc, Conversation.DoesNotExist):
            return {"code": "not_found", "detail": str(_("No conversation of yours has this id."))}
        if isinstance(exc, ValidationError):
            errors = validation_body(exc)
            return {"code": "invalid", "detail": next(iter(errors.values()))[0], "errors": errors}
        if isinstance(exc, (OperationalError, InterfaceError)):
            logger.error("chat.database_unavailable", extra={"error": str(exc)})
            return {
                "code": "unavailable",
                "detail": str(_("The service is temporarily unavailable. Please try again in a moment.")),
            }
        assert isinstance(exc, DomainError)
        return exc.body()

    async def _language(self) -> str:
        """The user's preferred_language as saved now, else the handshake's Accept-Language;
        the last one known when the database cannot say."""
        try:
            preferred = await database_sync_to_async(
                lambda: User.objects.filter(pk=self.user.pk).values_list("preferred_language", flat=True).first()
            )()
        except (OperationalError, InterfaceError):
            return self.language
        self.language = preferred or self.handshake_language
        return self.language

    @classmethod
    async def encode_json(cls, content: Any) -> str:
        # Lazy translations (a refusal's details) are read as they are encoded, in the active language.
        return json.dumps(content, cls=DjangoJSONEncoder)

    async def chat_event(self, event: dict[str, Any]) -> None:
        """A group event from core/messaging/realtime.py: pass its payload on."""
        await self.send_json(event["payload"])

    async def chat_signed_out(self, event: dict[str, Any]) -> None:
        """This socket's sign-in ended: its token was revoked, its session signed out, or
        the password changed (core/messaging/realtime.py sign_out_sockets)."""
        logger.info("chat.signed_out", extra={"user_id": self.user.pk})
        await self.close(code=CLOSE_UNAUTHENTICATED)
