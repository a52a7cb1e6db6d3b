"""Text answers compressed on the way out: the API's JSON and CSV, the app's shell.

Django's GZipMiddleware compresses whatever it is given; photos and other images
are compressed already, and recompressing them only costs CPU (and their ranges),
so only text goes through it. The built app's files come with .br/.gz siblings
made at build time (frontend/vite.config.ts), which WhiteNoise sends as they are.

Whole answers are compressed at level 3, not Django's 6: on a search answer
(~27 kB of JSON) level 6 costs 0.79 ms of CPU against 0.38 ms for 11% more bytes
(5.3 against 4.75 kB), and that half millisecond was a fifth of what the API adds
to the engine's own time (docs/capacity.md, section 5). Level 3 is what the
engine's own HTTP layer uses. Streamed answers (CSV exports) keep Django's way.
"""

import gzip
import re
import secrets

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml", "application/vnd.oai")


LEVEL = 3
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def compressed(content: bytes, *, max_random_bytes: int) -> bytes:
    """gzip at LEVEL with a random-length file name in the header: the padding
    against BREACH that Django adds (django.utils.text.compress_string)."""
    data = gzip.compress(content, compresslevel=LEVEL, mtime=0)
    header = bytearray(data[:10])
    header[3] = gzip.FNAME
    name = secrets.token_hex(max_random_bytes)[: 1 + secrets.randbelow(max_random_bytes)].encode()
    return bytes(header) + name + b"\x00" + data[10:]


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        if response.streaming or not isinstance(response, HttpResponse):
            return super().process_response(request, response)
        # As Django's GZipMiddleware does for a whole answer, at LEVEL.
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        content = compressed(response.content, max_random_bytes=self.max_random_bytes)
        if len(content) >= len(response.content):
            return response
        response.content = content
        response.headers["Content-Length"] = str(len(content))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
