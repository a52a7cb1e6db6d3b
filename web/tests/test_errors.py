"""web/api/errors.py: every domain error (core/errors.py) answers its own status,
code and message in one way, on a view, through DRF's own request handling."""

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.accounts.limits import AttemptsLimited
from core.accounts.verification import EmailUnverified
from core.errors import DomainError
from core.listings.transitions import ListingStateError
from core.messaging.exceptions import MessagingForbidden, SendRateLimited


def answer(error: Exception):
    class Refusing(APIView):
        def get(self, request):
            raise error

    return Refusing.as_view()(APIRequestFactory().get("/"))


@pytest.mark.parametrize(
    ("error", "status", "code", "retry_after"),
    [
        (ListingStateError("A sold listing cannot be published."), 409, "listing_state", None),
        (EmailUnverified("Verify your e-mail address to publish a listing."), 403, "email_unverified", None),
        (MessagingForbidden("This user has blocked you.", code="blocked"), 403, "blocked", None),
        (SendRateLimited(retry_after=12), 429, "rate_limited", 12),
        (AttemptsLimited("Too many wrong passwords.", retry_after=0), 429, "rate_limited", 1),
    ],
)
def test_each_domain_error_answers_its_status_code_and_message(error, status, code, retry_after):
    response = answer(error)

    assert response.status_code == status
    assert response.data["code"] == code
    assert response.data["detail"] == error.message
    assert response.data.get("retry_after") == retry_after
    assert response.get("Retry-After") == (str(retry_after) if retry_after else None)


def test_a_lazily_translated_message_is_rendered_as_text():
    response = answer(DomainError(gettext_lazy("Not found.")))

    assert response.status_code == 400
    assert response.data == {"detail": "Not found.", "code": "refused"}
