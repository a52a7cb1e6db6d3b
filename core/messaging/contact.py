"""Spotting contact details in a message, for a gentle warning: scams start by
moving the talk off the platform. The message is sent either way, so a false
positive costs one notice, never a lost message."""

import re

from core.messaging.models import MessageWarning

# Arabic-Indic and Eastern Arabic-Indic digits count as digits (٣٣١٢٣٤٥٦).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# 8 to 15 digits, optionally led by + or 00, with single spaces, dots, dashes
# or brackets between them: Bahrain numbers are 8 digits (+973 3312 3456).
_PHONE = re.compile(r"(?<![\d/])(?:\+|00)?\d(?:[ .\-()]?\d){7,14}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
_LINK = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:com|net|org|bh|io|me|co|info|biz|app|ly|link|site|online|shop|store|ae|sa)\b",
    re.IGNORECASE,
)


def contact_warnings(body: str) -> list[str]:
    """The kinds of contact details in `body`, in a stable order."""
    text = body.translate(_DIGITS)
    found = []
    if _PHONE.search(text):
        found.append(MessageWarning.PHONE_NUMBER.value)
    without_emails = _EMAIL.sub(" ", text)
    if _LINK.search(without_emails):
        found.append(MessageWarning.LINK.value)
    if without_emails != text:
        found.append(MessageWarning.EMAIL.value)
    return found
