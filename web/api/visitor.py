"""Who a recommendation request is for: the signed-in user, or this browser.

A browser is known by a random cookie (VISITOR_COOKIE, nothing else about it);
the server keeps only a keyed hash of it, so the stored key cannot be turned
back into a cookie that reads the history. The cookie is set only by the views
that use it (listing views, engagement, recommendations), by the middleware
below. When a visitor signs in, their browser's history becomes their
account's and the cookie goes.
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from rest_framework.request import Request

from core.recommendations.selectors import user_subject_key
from core.recommendations.services import visitor_history_adopt
from web.api.background import in_background
from web.api.permissions import viewer

VISITOR_COOKIE = "sayara_visitor"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_NEW = "_sayara_visitor_new"
_GONE = "_sayara_visitor_gone"


def visitor_key(token: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"recommendations-visitor:{token}".encode(), hashlib.sha256)
    return "v:" + digest.hexdigest()[:48]


def request_subject(request: Request) -> tuple[str, int | None]:
    """(subject key, user id or None) of the request; gives a new visitor a cookie."""
    raw: HttpRequest = request._request
    token = raw.COOKIES.get(VISITOR_COOKIE, "")
    user = viewer(request)
    if user is not None:
        if TOKEN.match(token):
            in_background(visitor_history_adopt, visitor_key=visitor_key(token), user_id=user.pk)
            setattr(raw, _GONE, True)
        return user_subject_key(user.pk), user.pk
    if not TOKEN.match(token):
        token = getattr(raw, _NEW, None) or secrets.token_urlsafe(32)
        setattr(raw, _NEW, token)
    return visitor_key(token), None


class VisitorCookieMiddleware:
    """Sets (or removes) the visitor cookie that request_subject asked for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        token = getattr(request, _NEW, None)
        if token:
            response.set_cookie(
                VISITOR_COOKIE,
                token,
                max_age=settings.RECOMMENDATIONS_VISITOR_DAYS * 86400,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        elif getattr(request, _GONE, False):
            response.delete_cookie(VISITOR_COOKIE, samesite="Lax")
        return response
