"""Pages that are not the API: the web app's shell and the liveness probe."""

import logging
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse

from web import first_load, seo

logger = logging.getLogger(__name__)

# The built index.html, read once per build (its modification time).
_shell: tuple[float, str] | None = None


def _shell_html(index: Path) -> str:
    global _shell
    mtime = index.stat().st_mtime
    if _shell is None or _shell[0] != mtime:
        _shell = (mtime, index.read_text(encoding="utf-8"))
    return _shell[1]


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def app_shell(request: HttpRequest, path: str = "") -> HttpResponseBase:
    """index.html of the built React app for every route the app owns, with the page's
    own head where crawlers and link previews look (web/seo.py)."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return HttpResponse(
            "The web app is not built yet: run `make run` (or `npm run build` in frontend/).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    html = _shell_html(index)
    try:
        head = seo.head_for(request, path)
    except DatabaseError:
        # The app itself still loads (and says what is wrong); only the preview tags are missing.
        logger.warning("seo.head_unavailable", exc_info=True, extra={"path": path})
        head = None
    if head is not None:
        html = seo.render_head(html, head)
        html = _with_first_load(request, html, head)
    response = HttpResponse(html, status=head.status if head else 200, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def _with_first_load(request: HttpRequest, html: str, head: seo.Head) -> str:
    """The page's chunks preloaded in the head, the catalog's answers before the body ends (web/first_load.py)."""
    page = head.page
    preloads = first_load.module_preloads(html, page, head.language)
    if preloads:
        html = html.replace("</head>", "  " + "\n    ".join(preloads) + "\n  </head>", 1)
    try:
        block = first_load.first_answers_block(request, page)
    except DatabaseError:
        logger.warning("first_load.answers_unavailable", exc_info=True, extra={"page": page})
        block = None
    return html.replace("</body>", f"  {block}\n  </body>", 1) if block else html


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponseBase:
    """A JSON 404 for addresses no route matches (API.md: every error is JSON); the web
    app's own routes never get here (app_shell answers them)."""
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request: HttpRequest) -> HttpResponseBase:
    return JsonResponse({"detail": "Something went wrong on our side. Please try again."}, status=500)
