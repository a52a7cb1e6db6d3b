"""The WebSocket's origin check: the same rule as Django's CSRF check for HTTP.

A browser page may open /ws/chat/ only from the site's own origin (scheme,
host and port, as the request reached us: Host header, ws/wss behind the
proxy's X-Forwarded-Proto) or from one of CSRF_TRUSTED_ORIGINS. Channels'
AllowedHostsOriginValidator compares host names only, so a page on any port
of an allowed host (http://127.0.0.1:9999) could use a visitor's session.
A handshake with an Authorization header (a native client's token,
web/consumers/token.py) carries no ambient credential: its origin is not checked.
"""

from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin, its port made explicit; None when it is no origin."""
    try:
        parts = urlsplit(url.strip().lower())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def allowed_origins(scope: dict[str, Any]) -> set[tuple[str, str, int]]:
    """The site's own origin for this connection, and the trusted ones."""
    found = {origin for origin in map(_origin, settings.CSRF_TRUSTED_ORIGINS) if origin}
    host = _header(scope, b"host") or ""
    domain, _ = split_domain_port(host)
    if domain and validate_host(domain, settings.ALLOWED_HOSTS):
        scheme = "https" if scope.get("scheme") == "wss" else "http"
        own = _origin(f"{scheme}://{host}")
        if own:
            found.add(own)
    return found


class SameOriginValidator:
    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if _header(scope, b"authorization") is not None:
            return await self.application(scope, receive, send)
        origin = _origin(_header(scope, b"origin") or "")
        if origin is None or origin not in allowed_origins(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
