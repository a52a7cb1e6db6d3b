"""A browser's chat sockets end with its sign-in, over real HTTP and WebSocket:
signing out closes that browser's tabs, a new password closes every browser's
(the one that changed it reconnects at once), as a revoked token closes a
phone's (test_token_clients_http.py)."""

import json

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from core.messaging.services import message_send
from testing.accounts import NEW_PASSWORD, PASSWORD
from testing.browser import Browser
from testing.messaging import reset_send_limits, start_conversation

pytestmark = pytest.mark.django_db(transaction=True)

CLOSE_UNAUTHENTICATED = 4401


@pytest.fixture(autouse=True)
def _fresh_send_limits() -> None:
    reset_send_limits()


def _closed_code(socket) -> int | None:
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            socket.recv(timeout=10)
    return closed.value.rcvd.code if closed.value.rcvd else None


def _next_message(socket) -> str:
    while True:
        event = json.loads(socket.recv(timeout=10))
        if event["type"] == "message":
            return event["message"]["body"]


def test_signing_out_closes_that_browser_s_tabs_and_no_other_browser_s(asgi_server):
    conversation = start_conversation()
    laptop, office = Browser(asgi_server), Browser(asgi_server)
    laptop.sign_in(conversation.buyer.email)
    office.sign_in(conversation.buyer.email)

    with laptop.chat() as tab, laptop.chat() as other_tab, office.chat() as office_tab:
        signed_out = laptop.post("/api/v1/auth/logout")
        closed = [_closed_code(tab), _closed_code(other_tab)]
        message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Still for sale.")
        office_hears = _next_message(office_tab)

    assert signed_out.status_code == 204
    assert closed == [CLOSE_UNAUTHENTICATED, CLOSE_UNAUTHENTICATED]
    assert office_hears == "Still for sale."


def test_a_new_password_closes_every_browser_s_sockets_and_only_the_changer_reconnects(asgi_server):
    conversation = start_conversation()
    laptop, office = Browser(asgi_server), Browser(asgi_server)
    laptop.sign_in(conversation.buyer.email)
    office.sign_in(conversation.buyer.email)

    with laptop.chat() as tab, office.chat() as office_tab:
        changed = laptop.post("/api/v1/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})
        closed = [_closed_code(tab), _closed_code(office_tab)]
    with laptop.chat() as reconnected:
        message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Come on Friday.")
        laptop_hears = _next_message(reconnected)
    with pytest.raises(InvalidStatus):
        # The office's session carried the old password: its handshake is refused, as its requests are.
        office.chat()

    assert changed.status_code == 204, changed.text
    assert closed == [CLOSE_UNAUTHENTICATED, CLOSE_UNAUTHENTICATED]
    assert laptop_hears == "Come on Friday."
    assert office.get("/api/v1/me").status_code in (401, 403)
