"""The ASGI entry point: HTTP through Django, WebSockets through Channels (web/routing.py)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")

from django.core.asgi import get_asgi_application

django_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from web.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_app, "websocket": websocket_application})
