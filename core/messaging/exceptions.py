"""What messaging refuses, beyond bad input (ValidationError) and what a user
may not see (DoesNotExist → 404). web/api/errors.py and the chat consumer map
these to 403 / 429 and to {"type": "error"} frames."""


class MessagingForbidden(Exception):
    """A participant may not do this now (HTTP 403). `code` lets clients pick what to show."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class SendRateLimited(Exception):
    """Too many messages in a window (HTTP 429 with Retry-After)."""

    def __init__(self, *, retry_after: int) -> None:
        super().__init__(f"You are sending messages too quickly. Try again in {retry_after} seconds.")
        self.message = str(self)
        self.retry_after = retry_after
