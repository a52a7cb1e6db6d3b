"""Pages that are not the API: the web app's shell and the liveness probe."""

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def app_shell(request: HttpRequest, path: str = "") -> HttpResponseBase:
    """index.html of the built React app for every route the app owns."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return HttpResponse(
            "The web app is not built yet: run `make run` (or `npm run build` in frontend/).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponseBase:
    """A JSON 404 for addresses no route matches (API.md: every error is JSON); the web
    app's own routes never get here (app_shell answers them)."""
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request: HttpRequest) -> HttpResponseBase:
    return JsonResponse({"detail": "Something went wrong on our side. Please try again."}, status=500)
