"""Who is asking, and so which language the answer speaks.

LocaleMiddleware picks the language from Accept-Language before the API knows
the user; once a request is authenticated, the user's own preferred_language
wins (their account's choice, on every device), for the messages of this answer.
"""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import authentication, exceptions
from rest_framework.request import Request


def _speak_their_language(request: Request, result: tuple[Any, Any] | None) -> tuple[Any, Any] | None:
    if result is not None:
        language = getattr(result[0], "preferred_language", None)
        if language:
            translation.activate(language)
            request._request.LANGUAGE_CODE = translation.get_language()
    return result


class TokenAuthentication(KnoxTokenAuthentication):
    """`Authorization: Token <key>`: the key of one of the user's AccessTokens (one
    per signed-in device, stored hashed by django-rest-knox); request.auth is that
    AccessToken. Each use pushes its expiry back (settings.REST_KNOX)."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        return _speak_their_language(request, super().authenticate(request))

    def authenticate_credentials(self, token: bytes | str) -> tuple[Any, Any]:
        """(user, AccessToken) of `token`; AuthenticationFailed if none is, as for a key
        that is not even text (the header is Latin-1, a key is ASCII)."""
        if isinstance(token, str):
            token = token.encode("latin-1", errors="replace")
        try:
            token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        return super().authenticate_credentials(token)


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        return _speak_their_language(request, super().authenticate(request))
