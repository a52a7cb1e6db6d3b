"""WebSocket routes (Channels), behind the session authentication of the site."""

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from django.urls import path

from web.consumers.chat import ChatConsumer
from web.consumers.origin import SameOriginValidator

websocket_urlpatterns: list = [
    path("ws/chat/", ChatConsumer.as_asgi()),
]

# Scheme, host and port must be the site's own (web/consumers/origin.py).
websocket_application = SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
