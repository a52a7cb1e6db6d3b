"""The one error model of the domain: what a rule refuses, beyond bad input.

Bad input is a ValidationError naming each field (400); what a user may not
see is DoesNotExist (404). Everything else a rule refuses is a DomainError: a
stable `code` clients switch on, the HTTP `status` the API answers with, a
`message` for a person, and any `details` the answer carries (`retry_after`).
The API maps every one in one branch (web/api/errors.py) and the chat socket
sends it as an error frame (web/consumers/chat.py), so a new refusal is one
subclass here or beside its rule, never a new branch there.

Messages are read with str() when the answer is rendered, so a lazy
translation (gettext_lazy, format_lazy) is turned into the language of the
request that receives it.
"""

from typing import Any

from django.utils.functional import Promise

# A message for a person: plain text, or text translated when it is shown (gettext_lazy).
Translatable = str | Promise
# Validation errors by field, as the API answers them ({field: [message, …]}).
FieldErrors = dict[str, list[Translatable]]


class DomainError(Exception):
    code = "refused"
    status = 400

    def __init__(self, message: Translatable, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details

    def body(self) -> dict[str, Any]:
        """The JSON answer: {"detail", "code", …details}."""
        return {"detail": str(self.message), "code": self.code, **self.details}

    def headers(self) -> dict[str, str]:
        return {}


class Conflict(DomainError):
    """The current state does not allow this (409)."""

    code = "conflict"
    status = 409


class Forbidden(DomainError):
    """This user may not do this now (403)."""

    code = "forbidden"
    status = 403


class RateLimited(DomainError):
    """Too many of these: wait `retry_after` seconds (429 with Retry-After)."""

    code = "rate_limited"
    status = 429

    def __init__(self, message: Translatable, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code, retry_after=max(1, retry_after))
        self.retry_after: int = self.details["retry_after"]

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}
