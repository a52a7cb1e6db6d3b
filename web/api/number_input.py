"""Numbers as people type them: folded once, for every string of every request.

A phone's keyboard in Arabic types Arabic-Indic digits (٢٠١٩), a Persian one
Extended Arabic-Indic (۲۰۱۹), and Arabic text groups thousands with ٬ and marks
decimals with ٫. Every string of a request body (the parsers of
web/api/text_input.py) and of the query string (its middleware) that is a
number written so becomes the same number in ASCII digits ("٨٬٥٠٠٫٥" →
"8500.5", "+٩٧٣ ٣٦٠٠ ١١٢٢" → "+973 3600 1122") before any view, serializer or
service reads it: one place, whatever the field. Strings in ASCII digits are
left exactly as sent, and so is free text, which is stored as written
(API.md: message bodies), even when it is only a number.
"""

import re
from typing import Any

from django.http import QueryDict

# Arabic-Indic (U+0660–U+0669) and Extended Arabic-Indic (U+06F0–U+06F9) digits.
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_FOLD = str.maketrans({**{d: str(i % 10) for i, d in enumerate(ARABIC_DIGITS)}, "٫": ".", "٬": None})
_DIGIT = f"[0-9{ARABIC_DIGITS}]"
# A number and nothing else: a sign, digit groups (by space, ٬ or a comma), a decimal part.
_NUMBER = re.compile(rf"\s*[+-]?{_DIGIT}+(?:[\s٬,]{_DIGIT}+)*(?:[.٫]{_DIGIT}+)?\s*")
_NEEDS_FOLDING = re.compile(f"[{ARABIC_DIGITS}٫٬]")

# Keys whose strings are text a person wrote, or secrets: never rewritten, even when all digits.
VERBATIM_KEYS = frozenset(
    {"body", "description", "title", "trim", "display_name", "name", "q", "details", "reason"}
    | {"password", "current_password", "new_password", "token", "uid"}
)


def fold_number(text: str) -> str:
    """`text` in ASCII digits when it is a number in Arabic digits or separators; else unchanged."""
    if not _NEEDS_FOLDING.search(text) or not _NUMBER.fullmatch(text):
        return text
    folded = text.translate(_FOLD)
    # Within a number typed in Arabic digits a comma groups thousands too (٨,٥٠٠).
    return folded.replace(",", "")


def fold_numbers(value: Any, key: str = "") -> Any:
    """Parsed JSON with every number-string folded (fold_number), free text left alone."""
    if key in VERBATIM_KEYS:
        return value
    if isinstance(value, str):
        return fold_number(value)
    if isinstance(value, dict):
        return {name: fold_numbers(item, name if isinstance(name, str) else "") for name, item in value.items()}
    if isinstance(value, list):
        return [fold_numbers(item, key) for item in value]
    return value


def fold_query_dict(data: QueryDict) -> QueryDict:
    """A form's or a query string's fields with number-strings folded; the same object when nothing changes."""
    changed = False
    folded = QueryDict(mutable=True, encoding=data.encoding)
    for name, values in data.lists():
        new = values if name in VERBATIM_KEYS else [fold_number(value) for value in values]
        changed = changed or new != values
        folded.setlist(name, new)
    if not changed:
        return data
    folded._mutable = data._mutable
    return folded


def whole_number(text: str) -> int | None:
    """The whole number `text` is in ASCII digits (as the folding above leaves every number), else None.

    str.isdigit() alone also takes "²" and "①", which int() refuses with a ValueError.
    """
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None
