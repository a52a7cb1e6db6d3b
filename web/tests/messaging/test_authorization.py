"""Who may do what in messaging, endpoint by endpoint: only the two
participants see or write (everyone else 404), anonymous callers get 401."""

import pytest
from rest_framework.test import APIClient

from core.messaging import services
from testing.accounts import UserFactory
from testing.messaging import start_conversation

pytestmark = pytest.mark.django_db

# (method, path, body, what a participant gets)
CONVERSATION_ENDPOINTS = [
    ("get", "/api/v1/conversations/{id}", None, 200),
    ("get", "/api/v1/conversations/{id}/messages", None, 200),
    ("post", "/api/v1/conversations/{id}/messages", {"body": "Hello"}, 201),
    ("post", "/api/v1/conversations/{id}/read", None, 204),
    ("post", "/api/v1/conversations/{id}/block", None, 204),
    ("delete", "/api/v1/conversations/{id}/block", None, 204),
    ("post", "/api/v1/conversations/{id}/report", {"reason": "Spam"}, 201),
]
ALL_ENDPOINTS = [
    ("get", "/api/v1/conversations", None, 200),
    ("post", "/api/v1/conversations", {"listing_id": 1, "body": "Hi"}, None),
    ("get", "/api/v1/me/unread", None, 200),
    *CONVERSATION_ENDPOINTS,
]


def call(client: APIClient, method: str, path: str, body: dict | None, conversation_id: int):
    return getattr(client, method)(path.format(id=conversation_id), body, format="json")


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(("method", "path", "body", "_"), ALL_ENDPOINTS)
def test_anonymous_callers_get_401(method, path, body, _):
    conversation = start_conversation()

    answer = call(APIClient(), method, path, body, conversation.pk)

    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(("method", "path", "body", "_"), CONVERSATION_ENDPOINTS)
@pytest.mark.parametrize("stranger", ["another user", "staff"])
def test_strangers_get_404_and_change_nothing(method, path, body, _, stranger):
    conversation = start_conversation()
    outsider = UserFactory(is_staff=stranger == "staff")

    answer = call(signed_in(outsider), method, path, body, conversation.pk)

    assert answer.status_code == 404
    assert conversation.messages.count() == 1
    assert not conversation.reports.exists()
    assert conversation.messages.get().read_at is None


@pytest.mark.parametrize(("method", "path", "body", "expected"), CONVERSATION_ENDPOINTS)
@pytest.mark.parametrize("side", ["buyer", "seller"])
def test_both_participants_are_served(method, path, body, expected, side):
    conversation = start_conversation()

    answer = call(signed_in(getattr(conversation, side)), method, path, body, conversation.pk)

    assert answer.status_code == expected, answer.content


@pytest.mark.parametrize(("method", "path", "body", "_"), CONVERSATION_ENDPOINTS)
def test_a_conversation_that_does_not_exist_is_404(method, path, body, _):
    answer = call(signed_in(UserFactory()), method, path, body, 2**40)

    assert answer.status_code == 404


def test_any_signed_in_user_has_an_inbox_and_a_badge():
    conversation = start_conversation()
    stranger = signed_in(UserFactory())

    assert stranger.get("/api/v1/conversations").json() == {"count": 0, "page": 1, "page_size": 24, "results": []}
    assert stranger.get("/api/v1/me/unread").json() == {"unread_count": 0, "conversations_with_unread": 0}
    assert signed_in(conversation.seller).get("/api/v1/me/unread").json()["unread_count"] == 1


def test_the_seller_cannot_open_a_conversation_on_their_own_listing():
    conversation = start_conversation()

    answer = signed_in(conversation.seller).post(
        "/api/v1/conversations", {"listing_id": conversation.listing_id, "body": "me to me"}, format="json"
    )

    assert answer.status_code == 400 and "own listing" in answer.json()["listing_id"][0]


def test_a_blocked_user_can_neither_write_nor_start_again():
    conversation = start_conversation()
    services.user_block(blocker=conversation.seller, conversation_id=conversation.pk)
    buyer = signed_in(conversation.buyer)

    sent = buyer.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Hi?"}, format="json")
    started = buyer.post("/api/v1/conversations", {"listing_id": conversation.listing_id, "body": "Hi?"}, format="json")

    assert (sent.status_code, started.status_code) == (403, 403)
    assert sent.json()["code"] == started.json()["code"] == "blocked"
    # The blocked user still reads the history and can report.
    assert buyer.get(f"/api/v1/conversations/{conversation.pk}/messages").status_code == 200
    assert (
        buyer.post(f"/api/v1/conversations/{conversation.pk}/report", {"reason": "Blocked me"}, format="json").status_code == 201
    )
