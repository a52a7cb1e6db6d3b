"""Who is asking, and so which language the answer speaks.

LocaleMiddleware picks the language from Accept-Language before the API knows
the user; once a request is authenticated, the user's own preferred_language
wins (their account's choice, on every device), for the messages of this answer.
"""

from typing import Any

from django.utils import translation
from rest_framework import authentication
from rest_framework.request import Request


def _speak_their_language(request: Request, result: tuple[Any, Any] | None) -> tuple[Any, Any] | None:
    if result is not None:
        language = getattr(result[0], "preferred_language", None)
        if language:
            translation.activate(language)
            request._request.LANGUAGE_CODE = translation.get_language()
    return result


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        return _speak_their_language(request, super().authenticate(request))


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        return _speak_their_language(request, super().authenticate(request))
