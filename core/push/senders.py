"""Handing pushes to a push service, behind one small interface chosen by
settings.PUSH_BACKEND (a dotted path), as SMS senders are (core/accounts/sms.py):
the console sender logs them (development); the Expo sender posts them to
Expo's push API at PUSH_EXPO_URL (production; the tests point it at a
recording server on loopback, testing/push.py)."""

import logging
from functools import cache
from typing import Any, Protocol

import requests
from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Expo takes at most 100 messages a request.
EXPO_BATCH = 100
# The ticket error that means the app was uninstalled (or its token is dead).
DEVICE_NOT_REGISTERED = "DeviceNotRegistered"


class PushUnavailable(Exception):
    """The push service could not take the pushes now: try again later."""


class PushSender(Protocol):
    def send(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send Expo-shaped messages ({"to", "title", "body", "data"}); one ticket per message, in order
        ({"status": "ok"} or {"status": "error", "details": {"error": ...}})."""
        ...


class ConsoleSender:
    def send(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for message in messages:
            logger.info("push.sent", extra={"to": message["to"], "title": message["title"], "body": message["body"]})
        return [{"status": "ok"} for _ in messages]


class ExpoSender:
    def send(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        tickets: list[dict[str, Any]] = []
        for start in range(0, len(messages), EXPO_BATCH):
            tickets += self._post(messages[start : start + EXPO_BATCH])
        return tickets

    def _post(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        headers = {"Accept": "application/json"}
        if settings.PUSH_EXPO_ACCESS_TOKEN:
            headers["Authorization"] = f"Bearer {settings.PUSH_EXPO_ACCESS_TOKEN}"
        try:
            response = requests.post(settings.PUSH_EXPO_URL, json=batch, headers=headers, timeout=settings.PUSH_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise PushUnavailable(str(exc)) from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise PushUnavailable(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError:
            answer = None
        tickets = answer.get("data") if isinstance(answer, dict) else None
        if response.status_code != 200 or not isinstance(tickets, list) or len(tickets) != len(batch):
            # Expo refused the request itself: sending it again would fail again.
            logger.error("push.expo_refused", extra={"status": response.status_code, "body": response.text[:500]})
            return [{"status": "error", "message": f"HTTP {response.status_code}"} for _ in batch]
        return [ticket if isinstance(ticket, dict) else {"status": "error"} for ticket in tickets]


@cache
def _sender(path: str) -> PushSender:
    sender: PushSender = import_string(path)()
    return sender


def push_sender() -> PushSender:
    return _sender(settings.PUSH_BACKEND)
