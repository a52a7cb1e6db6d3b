"""Text answers compressed on the way out: the API's JSON and CSV, the app's shell.

Django's GZipMiddleware compresses whatever it is given; photos and other images
are compressed already, and recompressing them only costs CPU (and their ranges),
so only text goes through it. The built app's files come with .br/.gz siblings
made at build time (frontend/vite.config.ts), which WhiteNoise sends as they are.
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml", "application/vnd.oai")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
