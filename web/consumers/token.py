"""Token sign-in for the chat WebSocket: native clients (the mobile app) send
`Authorization: Token <key>` on the handshake, as they do on every HTTP request.

A browser cannot put headers on a WebSocket handshake, so a handshake that
carries one comes from a native client: it is checked by its token alone, never
by the session cookie, and needs no Origin (web/consumers/origin.py). Without
the header the session cookie signs the socket in, as for the web app.
"""

from typing import Any

from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from django.contrib.auth.models import AnonymousUser
from rest_framework.exceptions import AuthenticationFailed

from web.api.authentication import TokenAuthentication

# Set in the scope of a token handshake: the consumer then answers a bad token
# with a close frame the client can read (4401) instead of a refused handshake.
TOKEN_HANDSHAKE = "sayara_token_handshake"
# The AccessToken's id of a good token handshake: its socket closes when the token is revoked.
ACCESS_TOKEN_ID = "sayara_access_token_id"


def authorization(scope: dict[str, Any]) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"authorization":
            return value.decode("latin-1")
    return None


@database_sync_to_async
def _token_user(header: str) -> tuple[Any, int | None]:
    """The active user of `Token <key>` and the token's id, else an anonymous one (DRF's own checks)."""
    keyword, _, key = header.strip().partition(" ")
    if keyword.lower() != TokenAuthentication.keyword.lower() or not key.strip() or " " in key.strip():
        return AnonymousUser(), None
    try:
        user, token = TokenAuthentication().authenticate_credentials(key.strip())
    except AuthenticationFailed:
        return AnonymousUser(), None
    return user, token.pk


class TokenOrSessionAuth:
    """The user of the handshake's token if it has one, else of its session cookie."""

    def __init__(self, application: Any) -> None:
        self.application = application
        self.by_session = AuthMiddlewareStack(application)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        header = authorization(scope)
        if header is None:
            return await self.by_session(scope, receive, send)
        user, token_id = await _token_user(header)
        return await self.application({**scope, "user": user, TOKEN_HANDSHAKE: True, ACCESS_TOKEN_ID: token_id}, receive, send)
