"""Handing pushes to a push service, behind one small interface chosen by
settings.PUSH_BACKEND (a dotted path), as SMS senders are (core/accounts/sms.py):
the console sender logs them (development); the Expo sender posts them to
Expo's push API at PUSH_EXPO_URL, and reads the receipts at
PUSH_EXPO_RECEIPTS_URL (production; the tests point both at a recording server
on loopback, testing/push.py)."""

import logging
from functools import cache
from typing import Any, Protocol

import requests
from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Expo takes at most 100 messages a request, and answers at most 1000 receipts.
EXPO_BATCH = 100
EXPO_RECEIPTS_BATCH = 1000
# The ticket error that means the app was uninstalled (or its token is dead).
DEVICE_NOT_REGISTERED = "DeviceNotRegistered"


class PushUnavailable(Exception):
    """The push service could not take the pushes now: try again later."""


class PushSender(Protocol):
    def send(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send Expo-shaped messages ({"to", "title", "body", "data"}); one ticket per message, in order
        ({"status": "ok", "id"?} or {"status": "error", "details": {"error": ...}})."""
        ...

    def receipts(self, ticket_ids: list[str]) -> dict[str, dict[str, Any]]:
        """The receipts ready for these tickets' ids (at most EXPO_RECEIPTS_BATCH), by id, shaped as tickets;
        an id without one yet is left out."""
        ...


class ConsoleSender:
    def send(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for message in messages:
            logger.info("push.sent", extra={"to": message["to"], "title": message["title"], "body": message["body"]})
        return [{"status": "ok"} for _ in messages]

    def receipts(self, ticket_ids: list[str]) -> dict[str, dict[str, Any]]:
        return {}  # its tickets have no ids: nothing to ask about


class ExpoSender:
    def send(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        tickets: list[dict[str, Any]] = []
        for start in range(0, len(messages), EXPO_BATCH):
            tickets += self._post(messages[start : start + EXPO_BATCH])
        return tickets

    def receipts(self, ticket_ids: list[str]) -> dict[str, dict[str, Any]]:
        answer = self._request(settings.PUSH_EXPO_RECEIPTS_URL, {"ids": ticket_ids})
        receipts = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(receipts, dict):
            return {}  # refused (logged): asked again next time, until the tickets are forgotten
        return {key: value for key, value in receipts.items() if isinstance(value, dict)}

    def _post(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answer = self._request(settings.PUSH_EXPO_URL, batch)
        tickets = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(tickets, list) or len(tickets) != len(batch):
            # Expo refused the request itself: sending it again would fail again.
            return [{"status": "error", "message": "refused"} for _ in batch]
        return [ticket if isinstance(ticket, dict) else {"status": "error"} for ticket in tickets]

    def _request(self, url: str, body: Any) -> Any:
        """Expo's JSON answer to `body`; None (logged) when it refused the request;
        PushUnavailable when it could not take it now."""
        headers = {"Accept": "application/json"}
        if settings.PUSH_EXPO_ACCESS_TOKEN:
            headers["Authorization"] = f"Bearer {settings.PUSH_EXPO_ACCESS_TOKEN}"
        try:
            response = requests.post(url, json=body, headers=headers, timeout=settings.PUSH_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise PushUnavailable(str(exc)) from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise PushUnavailable(f"HTTP {response.status_code}")
        try:
            answer = response.json() if response.status_code == 200 else None
        except ValueError:
            answer = None
        if answer is None:
            logger.error("push.expo_refused", extra={"url": url, "status": response.status_code, "body": response.text[:500]})
        return answer


@cache
def _sender(path: str) -> PushSender:
    sender: PushSender = import_string(path)()
    return sender


def push_sender() -> PushSender:
    return _sender(settings.PUSH_BACKEND)
