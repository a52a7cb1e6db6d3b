"""Who is looking: the one notion of "this visitor" the API has.

A visitor is an account when signed in, else this browser. Two things are kept
about what visitors do, each under its own key:

- Their history, for their recommendations (core/recommendations): the
  account, or a random cookie (VISITOR_COOKIE, nothing else about the
  browser). The server keeps only a keyed hash of the cookie, so a stored key
  cannot be turned back into a cookie that reads the history. The cookie is
  set only by the views that use it, by the middleware below; when a visitor
  signs in, their browser's history becomes their account's and the cookie goes.
- Views and contact clicks for analysts, once per visitor, listing and day
  (core/events; docs/decisions/analytics.md): the account, or the address and
  browser. Only clients that ran the page count: the web app's (and the mobile
  app's) API client names itself in X-Sayara-Client on every request;
  crawlers, link previews and scripts calling the API by hand do not.
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponse
from rest_framework.request import Request

from core.events.services import listing_event_record
from core.listings.models import Listing
from core.recommendations.selectors import user_subject_key
from core.recommendations.services import signal_record, visitor_history_adopt
from web.api.background import in_background
from web.api.permissions import viewer

VISITOR_COOKIE = "sayara_visitor"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
CLIENT_HEADER = "HTTP_X_SAYARA_CLIENT"
_NEW = "_sayara_visitor_new"
_GONE = "_sayara_visitor_gone"


def client_ip(request: Request | HttpRequest) -> str:
    # Behind a proxy, uvicorn's --forwarded-allow-ips puts the client's address here.
    return request.META.get("REMOTE_ADDR") or "unknown"


def visitor_key(token: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"recommendations-visitor:{token}".encode(), hashlib.sha256)
    return "v:" + digest.hexdigest()[:48]


def request_subject(request: Request) -> tuple[str, int | None]:
    """(history key, user id or None) of the visitor; gives a new browser a cookie."""
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


def page_visitor(request: Request) -> str | None:
    """The once-a-day key of analytics: an account, or an address and browser;
    None for a client that never ran the page."""
    if not request.META.get(CLIENT_HEADER):
        return None
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"anonymous:{client_ip(request)}|{request.META.get('HTTP_USER_AGENT', '')[:300]}"


def _signal_record(**kwargs: object) -> bool:
    # The background thread outlives requests: drop a connection the database closed meanwhile.
    close_old_connections()
    return signal_record(**kwargs)  # type: ignore[arg-type]


def visitor_saw(request: Request, listing: Listing, kind: str) -> None:
    """This visitor viewed, read, swiped through or opened the contact form of a
    listing: counted for analysts (if the client ran the page) and remembered
    for their recommendations, both off the request's path."""
    visitor = page_visitor(request)
    if visitor is not None:
        in_background(
            listing_event_record, kind=kind, listing=listing, viewer_id=request.user.pk, visitor=visitor, ip=client_ip(request)
        )
    key, user_id = request_subject(request)
    in_background(_signal_record, subject_key=key, user_id=user_id, listing_id=listing.pk, kind=kind)


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
