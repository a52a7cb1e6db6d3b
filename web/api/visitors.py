"""Who is looking at a listing, for counting views and contact clicks once a day
(core/events/services.py, listing_event_record; docs/decisions/analytics.md).

Only clients that ran the page count: the web app's (and the mobile app's) API
client names itself in X-Sayara-Client on every request; crawlers, link
previews and scripts calling the API by hand do not, and are not counted.
"""

from rest_framework.request import Request

from core.events.services import listing_event_record
from core.listings.models import Listing
from web.api.accounts import client_ip
from web.api.background import in_background

CLIENT_HEADER = "HTTP_X_SAYARA_CLIENT"


def page_visitor(request: Request) -> str | None:
    """An account, or an address and browser; None for a client that never ran the page."""
    if not request.META.get(CLIENT_HEADER):
        return None
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"anonymous:{client_ip(request)}|{request.META.get('HTTP_USER_AGENT', '')[:300]}"


def listing_event_from_page(request: Request, *, kind: str, listing: Listing) -> None:
    """Record a view or contact click, off the request's path, if the client ran the page."""
    visitor = page_visitor(request)
    if visitor is not None:
        in_background(
            listing_event_record,
            kind=kind,
            listing=listing,
            viewer_id=request.user.pk,
            visitor=visitor,
            ip=client_ip(request),
        )
