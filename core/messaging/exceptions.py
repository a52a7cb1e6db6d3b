"""What messaging refuses, beyond bad input (ValidationError) and what a user
may not see (DoesNotExist → 404): domain errors (core/errors.py), which the API
and the chat socket answer in one way."""

from django.utils.translation import gettext_lazy as _

from core.errors import Forbidden, RateLimited


class MessagingForbidden(Forbidden):
    """A participant may not do this now (HTTP 403). `code` lets clients pick what to show."""


class SendRateLimited(RateLimited):
    """Too many messages in a window (HTTP 429 with Retry-After)."""

    def __init__(self, *, retry_after: int) -> None:
        super().__init__(
            _("You are sending messages too quickly. Try again in %(seconds)s seconds.") % {"seconds": retry_after},
            retry_after=retry_after,
        )
