"""A recording push service on loopback: Expo's push API as the Expo sender
(core/push/senders.py ExpoSender) sees it, so tests exercise the real sender,
from a real worker, over real HTTP.

It answers each message with an "ok" ticket, except for tokens containing
GONE (an uninstalled app: a DeviceNotRegistered error ticket), and records
every message it was sent. Receipts (RECEIPTS_PATH) are ready at once: "ok",
except for tokens containing UNINSTALLED, whose ticket was "ok" but whose
receipt says DeviceNotRegistered (the app went after Expo took the message).
While `unavailable` is set it answers 503.
"""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PATH = "/--/api/v2/push/send"
RECEIPTS_PATH = "/--/api/v2/push/getReceipts"
GONE = "Gone"
UNINSTALLED = "Uninstalled"


def expo_token(*, gone: bool = False, uninstalled: bool = False) -> str:
    """A fresh, well-formed Expo push token: its ticket (`gone`) or its receipt (`uninstalled`) says it is dead."""
    marker = GONE if gone else UNINSTALLED if uninstalled else ""
    return f"ExponentPushToken[{marker}{uuid.uuid4().hex[:20]}]"


class _Handler(BaseHTTPRequestHandler):
    server: "PushServer"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        try:
            messages = json.loads(self.rfile.read(length))
        except ValueError:
            messages = None
        if self.server.unavailable.is_set():
            self._answer(503, {"errors": [{"code": "INTERNAL_SERVER_ERROR", "message": "Try again later."}]})
            return
        if self.path == RECEIPTS_PATH:
            self._answer(200, {"data": self.server.receipts(messages)})
            return
        if self.path != PATH or not isinstance(messages, list):
            self._answer(400, {"errors": [{"code": "VALIDATION_ERROR", "message": "Send a list of messages."}]})
            return
        tickets = []
        for message in messages:
            self.server.record(message)
            if GONE in str(message.get("to")):
                error = {"error": "DeviceNotRegistered", "expoPushToken": message.get("to")}
                tickets.append({"status": "error", "message": "not a registered push token", "details": error})
            else:
                tickets.append({"status": "ok", "id": self.server.ticket(str(message.get("to")))})
        self._answer(200, {"data": tickets})

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class PushServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self._lock = threading.Lock()
        self._messages: list[dict[str, Any]] = []
        self._tickets: dict[str, str] = {}  # ticket id: its message's token
        self._asked: list[str] = []  # every ticket id whose receipt was asked for
        self.unavailable = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, name="push-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{PATH}"

    def start(self) -> "PushServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def record(self, message: dict[str, Any]) -> None:
        with self._lock:
            self._messages.append(message)

    def ticket(self, token: str) -> str:
        with self._lock:
            ticket_id = str(uuid.uuid4())
            self._tickets[ticket_id] = token
            return ticket_id

    def receipts(self, body: Any) -> dict[str, dict[str, Any]]:
        ids = body.get("ids") if isinstance(body, dict) else None
        answers: dict[str, dict[str, Any]] = {}
        with self._lock:
            for ticket_id in ids if isinstance(ids, list) else []:
                token = self._tickets.get(str(ticket_id))
                self._asked.append(str(ticket_id))
                if token is None:
                    continue
                if UNINSTALLED in token:
                    error = {"error": "DeviceNotRegistered", "expoPushToken": token}
                    answers[ticket_id] = {"status": "error", "message": "not a registered push token", "details": error}
                else:
                    answers[ticket_id] = {"status": "ok"}
        return answers

    def receipts_asked_for(self, token: str) -> int:
        """How many times a receipt of a message to `token` was asked for."""
        with self._lock:
            return sum(self._tickets.get(ticket_id) == token for ticket_id in self._asked)

    def sent_to(self, token: str) -> list[dict[str, Any]]:
        with self._lock:
            return [message for message in self._messages if message.get("to") == token]

    def env(self) -> dict[str, str]:
        """What a worker needs to push here through the real Expo sender."""
        receipts_url = self.url.replace(PATH, RECEIPTS_PATH)
        return {"PUSH_BACKEND": "core.push.senders.ExpoSender", "PUSH_EXPO_URL": self.url, "PUSH_EXPO_RECEIPTS_URL": receipts_url}
