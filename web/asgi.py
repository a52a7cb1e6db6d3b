"""The ASGI entry point: WebSockets through Channels (web/routing.py), HTTP
through Django's WSGI handler in a thread pool.

Why not Django's ASGI handler for HTTP: every view and most middleware here are
synchronous, and under ASGI Django runs each request in a fresh thread-sensitive
executor with several thread hand-offs; measured on this machine that cost
~4.5 ms a request against 0.2 ms for the same request through the WSGI handler
(docs/decisions/search.md, "Serving"). a2wsgi runs the WSGI handler in a pool of
threads, so requests also run side by side.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")

from django.core.wsgi import get_wsgi_application

wsgi_app = get_wsgi_application()

from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.routing import ProtocolTypeRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from web.body_limit import asgi_body_limit  # noqa: E402
from web.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Bodies over the largest any endpoint takes are refused before they are received (web/body_limit.py).
        "http": asgi_body_limit(WSGIMiddleware(wsgi_app, workers=settings.WEB_THREADS)),  # type: ignore[arg-type]
        "websocket": websocket_application,
    }
)
