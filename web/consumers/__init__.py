"""Channels consumers: the WebSocket interfaces (routes in web/routing.py)."""
