"""Request bodies larger than what the endpoint takes are refused before anyone reads them.

Two layers, one rule (docs/decisions/security.md, "Uploads"):
- the ASGI server's (`asgi_body_limit`, web/asgi.py): a declared Content-Length
  above the largest body any endpoint takes (a photo) is a 413 before the first
  byte is received; a body without Content-Length (chunked) is a 411;
- Django's (`body_limit_middleware`, for any WSGI or ASGI server): the limit of
  the endpoint asked for, from its Content-Length, before the view parses it.
"""

import json
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.listings.photos import MAX_BYTES as PHOTO_MAX_BYTES
from web.languages import accept_language

# Multipart framing and the form's other fields around one photo.
MULTIPART_OVERHEAD = 64 * 1024
PHOTO_UPLOAD = re.compile(r"^/api/v1/listings/\d+/photos$")
LARGEST_BODY = PHOTO_MAX_BYTES + MULTIPART_OVERHEAD


def body_limit(path: str) -> int:
    return LARGEST_BODY if PHOTO_UPLOAD.match(path) else settings.REQUEST_BODY_MAX_BYTES


def too_large_message(limit: int) -> str:
    return _("The request body is larger than this endpoint takes (%(megabytes)s MB at most).") % {
        "megabytes": f"{limit / 1024 / 1024:.1f}"
    }


def body_limit_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse({"detail": _("Content-Length must be a number of bytes.")}, status=400)
        limit = body_limit(request.path)
        if length > limit:
            return JsonResponse({"detail": too_large_message(limit)}, status=413)
        return get_response(request)

    return middleware


def asgi_body_limit(app: Any) -> Any:
    """Answer 413/411 from the ASGI layer, before the body is received."""

    async def limited(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            declared = headers.get(b"content-length")
            refusal = None
            # Django's LocaleMiddleware has not run yet: the refusal speaks the Accept-Language here.
            with override(accept_language(headers.get(b"accept-language", b""))):
                if declared is None and b"transfer-encoding" in headers:
                    refusal = 411, str(_("Send the request with a Content-Length."))
                elif declared is not None and (not declared.isdigit() or int(declared) > LARGEST_BODY):
                    refusal = 413, too_large_message(LARGEST_BODY)
            if refusal:
                body = json.dumps({"detail": refusal[1]}).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": refusal[0],
                        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await app(scope, receive, send)

    return limited
