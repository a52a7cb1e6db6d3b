"""WebSocket routes (Channels), behind the session cookie of the site or a native client's token."""

from channels.routing import URLRouter
from django.urls import path

from web.consumers.chat import ChatConsumer
from web.consumers.origin import SameOriginValidator
from web.consumers.token import TokenOrSessionAuth

websocket_urlpatterns: list = [
    path("ws/chat/", ChatConsumer.as_asgi()),
]

# Scheme, host and port must be the site's own (web/consumers/origin.py), unless a token signs in.
websocket_application = SameOriginValidator(TokenOrSessionAuth(URLRouter(websocket_urlpatterns)))
