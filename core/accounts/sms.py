"""Sending text messages, behind one small interface chosen by settings.SMS_BACKEND
(a dotted path): the console sender logs them, the file sender appends them to
SMS_FILE_PATH (one JSON line each; development and the tests read the codes
there). A real gateway is one more class with the same `send`."""

import json
import logging
from functools import cache
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsSender(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSender:
    def send(self, *, to: str, text: str) -> None:
        logger.info("sms.sent", extra={"to": to, "text": text})


class FileSender:
    def send(self, *, to: str, text: str) -> None:
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"to": to, "text": text, "sent_at": timezone.now().isoformat()}, ensure_ascii=False)
        with path.open("a", encoding="utf-8") as file:
            file.write(line + "\n")


@cache
def _sender(path: str) -> SmsSender:
    sender: SmsSender = import_string(path)()
    return sender


def sms_send(*, to: str, text: str) -> None:
    _sender(settings.SMS_BACKEND).send(to=to, text=text)
