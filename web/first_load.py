"""What a page needs first, named in the HTML the server answers, so a phone fetches
it at once instead of one round trip after another.

Left to itself, the built shell loads the app's bundle; only when the bundle runs
does it ask for the page's own chunk (route-level code splitting: src/app/routes.tsx),
and only when that runs does it ask the API. On a slow phone network each step is
a round trip. So the shell of the home, search and listing pages is answered with:

- a <link rel="modulepreload"> for the page's chunk and every chunk it imports, read
  from Vite's build manifest (frontend/dist/.vite/manifest.json), so they download
  beside the bundle; and for the Arabic catalog on a page asked in Arabic (?lang=ar),
  which the first bundle leaves out;
- the catalog's answers (its enums and makes, the same for everyone and without side
  effects; every page labels its cars with them) in a JSON data block the app reads
  before it asks the API (frontend/src/lib/api-client.ts, "first answers").

Pages whose first answers have side effects (a listing's view is counted, a search is
recorded for analysts) still ask the API themselves; the listing page's first photo is
preloaded from its head instead (web/seo.py).
"""

import json
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.html import escape

logger = logging.getLogger(__name__)

# The app's source module of each page the server knows (src/app/routes.tsx), by the page's kind (web/seo.py).
ROUTE_MODULES = {
    "home": "src/app/routes/home.tsx",
    "search": "src/app/routes/search.tsx",
    "listing": "src/app/routes/listing-detail.tsx",
}
# Answers the same for everyone and free of side effects, which every one of those pages asks first.
FIRST_ANSWERS = ("/api/v1/catalog/enums", "/api/v1/catalog/makes")
FIRST_ANSWERS_ID = "first-answers"
# The interface's catalog of each language not in the first bundle (src/lib/i18n.ts: English is).
CATALOG_MODULES = {"ar": "src/locales/ar.json"}

# The build manifest, read once per build (its modification time).
_manifest: tuple[float, dict[str, Any]] | None = None


def _read_manifest(dist: Path) -> dict[str, Any]:
    global _manifest
    path = dist / ".vite" / "manifest.json"
    try:
        mtime = path.stat().st_mtime
        if _manifest is None or _manifest[0] != mtime:
            _manifest = (mtime, json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}
    return _manifest[1]


def chunk_files(manifest: dict[str, Any], module: str) -> list[str]:
    """The built files of a module's chunk and of every chunk it imports, the module's own first."""
    files: list[str] = []
    pending = [module]
    seen: set[str] = set()
    while pending:
        key = pending.pop(0)
        entry = manifest.get(key)
        if key in seen or entry is None:
            continue
        seen.add(key)
        files.append(entry["file"])
        pending += entry.get("imports", [])
    return files


def module_preloads(html: str, page: str, language: str) -> list[str]:
    """<link rel="modulepreload"> for the page's chunks the shell does not load already, and for
    the catalog of the page's language when the first bundle lacks it."""
    manifest = _read_manifest(settings.FRONTEND_DIST)
    modules = [module for module in (ROUTE_MODULES.get(page), CATALOG_MODULES.get(language)) if module]
    files = [file for module in modules for file in chunk_files(manifest, module)]
    return [f'<link rel="modulepreload" crossorigin href="/{escape(file)}" />' for file in files if f"/{file}" not in html]


def _answer(request: HttpRequest, path: str) -> Any | None:
    """The API's answer to a GET of `path` (no query), asked inside this request; None unless 200."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    inner = HttpRequest()
    inner.method = "GET"
    inner.path = inner.path_info = path
    inner.META = {**request.META, "PATH_INFO": path, "QUERY_STRING": "", "HTTP_ACCEPT": "application/json"}
    response = match.func(inner, *match.args, **match.kwargs)
    if response.status_code != 200:
        return None
    response.render()
    return json.loads(response.content)


def first_answers_block(request: HttpRequest, page: str) -> str | None:
    """The JSON data block of FIRST_ANSWERS ({api path: answer}); None for other pages or when none answered."""
    if page not in ROUTE_MODULES:
        return None
    answers = {path: answer for path in FIRST_ANSWERS if (answer := _answer(request, path)) is not None}
    if not answers:
        return None
    # A data block, not a script: "<" escaped so no text in an answer can close the element.
    data = json.dumps(answers, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{FIRST_ANSWERS_ID}">{data}</script>'
