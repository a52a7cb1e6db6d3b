"""The Content-Security-Policy of every page Django serves (django-csp).

The app's own scripts and styles only; images also from data:/blob: URLs
(photo previews before upload) and the photo store; connections to the site
itself and its WebSockets. Inline scripts of the built web app's index.html
are allowed by their hashes, computed from the file, so nothing inline is
allowed that the build did not produce.
"""

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_script_hashes(index_html: Path) -> list[str]:
    """'sha256-…' sources for each inline <script> of the built index.html (none when not built)."""
    try:
        html = index_html.read_text(encoding="utf-8")
    except OSError:
        return []
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def media_origin(*, bucket: str, custom_domain: str, endpoint_url: str, region: str) -> str | None:
    """Where photos are served from when they are not on this site."""
    if custom_domain:
        return f"https://{custom_domain}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return f"{parts.scheme}://{parts.netloc}"
    if bucket:
        return f"https://{bucket}.s3.{region}.amazonaws.com"
    return None


def socket_sources(allowed_hosts: list[str], *, https: bool) -> list[str]:
    # 'self' covers same-origin WebSockets in current browsers (CSP 3), not in
    # older Safari: name the site's hosts explicitly, on any port.
    schemes = ["wss"] if https else ["wss", "ws"]
    hosts = [host for host in allowed_hosts if host and not host.startswith(".") and "*" not in host]
    return [f"{scheme}://{host}:*" for host in hosts for scheme in schemes]


def directives(
    *, index_html: Path, allowed_hosts: list[str], https: bool, media: str | None, extra_img_src: list[str]
) -> dict[str, list[str] | bool]:
    images = [SELF, "data:", "blob:", *([media] if media else []), *extra_img_src]
    policy: dict[str, list[str] | bool] = {
        "default-src": [SELF],
        "script-src": [SELF, *inline_script_hashes(index_html)],
        "style-src": [SELF],
        "img-src": images,
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, *socket_sources(allowed_hosts, https=https)],
        "media-src": [SELF, *([media] if media else [])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
    if https:
        policy["upgrade-insecure-requests"] = True
    return policy
