"""A native client (the mobile app) over real HTTP and WebSocket: it registers,
verifies its address, signs in for a token, chats and signs out without any
cookie or CSRF token (docs/API-notes/mobile.md), while browsers keep theirs."""

import json

import pytest
import requests
from rest_framework.test import APIClient
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from core.accounts.models import AccessToken, User
from core.accounts.verification import email_verification_link
from core.messaging.services import message_send
from core.push.models import Device
from testing.accounts import NEW_PASSWORD, PASSWORD, UserFactory, fresh_email, fresh_ip
from testing.browser import Browser
from testing.messaging import reset_send_limits, start_conversation
from testing.native import NativeClient
from testing.push import expo_token

pytestmark = pytest.mark.django_db(transaction=True)

CLOSE_UNAUTHENTICATED = 4401


@pytest.fixture(autouse=True)
def _fresh_send_limits() -> None:
    reset_send_limits()


def _receive(socket, kind: str) -> dict:
    while True:
        event = json.loads(socket.recv(timeout=10))
        if event["type"] == kind:
            return event


def _closed_code(socket) -> int | None:
    with pytest.raises(ConnectionClosed) as closed:
        socket.recv(timeout=10)
    return closed.value.rcvd.code if closed.value.rcvd else None


def test_a_native_client_registers_verifies_signs_in_chats_and_signs_out_without_cookies(asgi_server):
    app = NativeClient(asgi_server)
    address = fresh_email()

    registered = app.post("/api/v1/auth/register", {"email": address, "password": PASSWORD, "display_name": "Huda"})
    # The link the e-mail carries; the app opens it as a deep link and posts its token.
    link_token = email_verification_link(User.objects.get(email=address)).split("token=")[1]
    verified = app.post("/api/v1/auth/verify-email", {"token": link_token})
    signed_in = app.sign_in(address, PASSWORD)
    me = app.get("/api/v1/me")
    device = app.post("/api/v1/me/devices", {"token": expo_token(), "platform": "android", "language": "ar"})

    assert registered.status_code == 202, registered.text
    assert verified.status_code == 200, verified.text
    assert verified.json() == {"email_verified": True, "signed_in": False, "user": None}
    assert signed_in.status_code == 200
    assert me.status_code == 200 and me.json()["email_verified"] is True
    assert device.status_code == 201, device.text
    for answer in (registered, verified, signed_in, me, device):
        assert "Set-Cookie" not in answer.headers, answer.request.url

    user = User.objects.get(email=address)
    conversation = start_conversation(buyer=user)
    with app.chat() as socket:
        message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Still available.")
        pushed = _receive(socket, "message")
        socket.send(json.dumps({"type": "send", "conversation_id": conversation.pk, "body": "Can I see it today?"}))
        echoed = _receive(socket, "message")
    signed_out = app.post("/api/v1/auth/logout")
    after = app.get("/api/v1/me")
    with app.chat() as socket:
        revoked = _closed_code(socket)

    assert pushed["message"]["body"] == "Still available."
    assert echoed["message"]["body"] == "Can I see it today?"
    assert signed_out.status_code == 204
    assert not AccessToken.objects.filter(user=user).exists()
    assert not Device.objects.filter(user=user).exists()  # a signed-out phone hears nothing more
    assert after.status_code == 401
    assert revoked == CLOSE_UNAUTHENTICATED


def test_each_phone_has_its_own_sign_in_and_signing_one_out_leaves_the_other(asgi_server):
    conversation = start_conversation()
    user = conversation.buyer
    phone, tablet = NativeClient(asgi_server), NativeClient(asgi_server)
    phone.sign_in(user.email, PASSWORD, name="Huda's iPhone")
    tablet.sign_in(user.email, PASSWORD, name="Huda's iPad")
    phone_push, tablet_push = expo_token(), expo_token()
    phone.post("/api/v1/me/devices", {"token": phone_push, "platform": "ios"})
    tablet.post("/api/v1/me/devices", {"token": tablet_push, "platform": "ios"})
    sessions = tablet.get("/api/v1/me/tokens")

    signed_out = phone.post("/api/v1/auth/logout")
    phone_after = phone.get("/api/v1/me")
    tablet_after = tablet.get("/api/v1/me")
    with phone.chat() as socket:
        phone_socket = _closed_code(socket)
    with tablet.chat() as socket:
        message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Still yours?")
        tablet_hears = _receive(socket, "message")
    left = tablet.get("/api/v1/me/tokens")

    assert phone.token != tablet.token
    assert sessions.status_code == 200, sessions.text
    assert [(row["name"], row["current"]) for row in sessions.json()["results"]] == [
        ("Huda's iPad", True),
        ("Huda's iPhone", False),
    ]
    assert set(sessions.json()["results"][0]) == {"id", "name", "created_at", "expires_at", "current"}
    assert signed_out.status_code == 204
    assert phone_after.status_code == 401
    assert phone_socket == CLOSE_UNAUTHENTICATED
    assert tablet_after.status_code == 200
    assert tablet_hears["message"]["body"] == "Still yours?"
    assert [row["name"] for row in left.json()["results"]] == ["Huda's iPad"]
    # Only the signed-out phone's push device went.
    assert list(Device.objects.filter(user=user).values_list("token", flat=True)) == [tablet_push]


def test_an_app_signs_another_out_and_a_password_change_signs_out_every_one(asgi_server):
    user = UserFactory()
    phone, script, other = NativeClient(asgi_server), NativeClient(asgi_server), NativeClient(asgi_server)
    phone.sign_in(user.email, PASSWORD, name="Phone")
    script.sign_in(user.email, PASSWORD)
    stranger = NativeClient(asgi_server)
    stranger.sign_in(UserFactory().email, PASSWORD)
    script_row = next(row for row in phone.get("/api/v1/me/tokens").json()["results"] if not row["current"])
    not_theirs = stranger.delete(f"/api/v1/me/tokens/{script_row['id']}")
    revoked = phone.delete(f"/api/v1/me/tokens/{script_row['id']}")
    script_after = script.get("/api/v1/me")
    other.sign_in(user.email, PASSWORD)
    phone.post("/api/v1/me/devices", {"token": expo_token(), "platform": "android"})

    changed = other.post("/api/v1/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert script_row["name"].startswith("python-requests/")  # no name given: its User-Agent
    assert not_theirs.status_code == 404
    assert revoked.status_code == 204
    assert script_after.status_code == 401
    assert changed.status_code == 204
    assert phone.get("/api/v1/me").status_code == 401
    assert other.get("/api/v1/me").status_code == 401
    with other.chat() as socket:
        assert _closed_code(socket) == CLOSE_UNAUTHENTICATED
    assert not Device.objects.filter(user=user).exists()
    assert other.sign_in(user.email, NEW_PASSWORD).status_code == 200


@pytest.mark.parametrize("ending", ["signs itself out", "is signed out by the tablet", "meets a new password"])
def test_an_open_chat_socket_closes_with_4401_as_soon_as_its_token_is_revoked(asgi_server, ending):
    conversation = start_conversation()
    user = conversation.buyer
    phone, tablet = NativeClient(asgi_server), NativeClient(asgi_server)
    phone.sign_in(user.email, PASSWORD, name="Phone")
    tablet.sign_in(user.email, PASSWORD, name="Tablet")
    phone_id = next(row["id"] for row in tablet.get("/api/v1/me/tokens").json()["results"] if not row["current"])
    stranger = NativeClient(asgi_server)
    stranger.sign_in(conversation.seller.email, PASSWORD)

    with phone.chat() as phone_socket, tablet.chat() as tablet_socket, stranger.chat() as stranger_socket:
        if ending == "signs itself out":
            answer = phone.post("/api/v1/auth/logout")
        elif ending == "is signed out by the tablet":
            answer = tablet.delete(f"/api/v1/me/tokens/{phone_id}")
        else:
            answer = tablet.post("/api/v1/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})
        phone_closed = _closed_code(phone_socket)
        message_send(sender=user, conversation_id=conversation.pk, body="Still for sale?")
        stranger_hears = _receive(stranger_socket, "message")
        if ending == "meets a new password":
            tablet_fate: object = _closed_code(tablet_socket)
        else:
            tablet_fate = _receive(tablet_socket, "message")["message"]["body"]

    assert answer.status_code == 204, answer.text
    assert phone_closed == CLOSE_UNAUTHENTICATED
    # Another account's socket, and the tablet's unless every sign-in ended, stay open.
    assert stranger_hears["message"]["body"] == "Still for sale?"
    assert tablet_fate == (CLOSE_UNAUTHENTICATED if ending == "meets a new password" else "Still for sale?")


def test_a_token_is_kept_hashed_and_a_bad_name_is_a_400(asgi_server):
    user = UserFactory()
    app = NativeClient(asgi_server)

    signed_in = app.sign_in(user.email, PASSWORD, name="  My   phone ")
    too_long = NativeClient(asgi_server).sign_in(user.email, PASSWORD, name="x" * 81)
    not_text = NativeClient(asgi_server).sign_in(user.email, PASSWORD, name=["phone"])

    stored = AccessToken.objects.get(user=user)
    body = signed_in.json()
    assert set(body) == {"token", "id", "name", "created_at", "expires_at"}
    assert body["name"] == "My phone" and body["id"] == stored.pk
    assert body["token"] not in (stored.digest, stored.token_key) and stored.digest != body["token"]
    assert too_long.status_code == 400 and set(too_long.json()) == {"name"}
    assert not_text.status_code == 400 and set(not_text.json()) == {"name"}


@pytest.mark.parametrize("header", ["Token " + "0" * 40, "Token", "Token a b", "Bearer abc", "", "Token caf\u00e9"])
def test_a_bad_token_on_the_chat_handshake_is_closed_with_4401(asgi_server, header):
    with NativeClient(asgi_server).chat(authorization=header) as socket:
        assert _closed_code(socket) == CLOSE_UNAUTHENTICATED


def test_a_token_handshake_needs_no_origin_and_wins_over_a_session_cookie(asgi_server):
    user = UserFactory()
    app = NativeClient(asgi_server)
    app.sign_in(user.email, PASSWORD)
    browser = Browser(asgi_server)
    browser.sign_in(user.email)
    url = asgi_server.replace("http://", "ws://") + "/ws/chat/"
    cookie = f"sessionid={browser.session.cookies['sessionid']}"

    with app.chat() as socket:
        socket.send(json.dumps({"type": "ping"}))
        answered = json.loads(socket.recv(timeout=10))
    with connect(url, additional_headers={"Cookie": cookie, "Authorization": "Token " + "0" * 40}, open_timeout=10) as socket:
        bad_token_with_cookie = _closed_code(socket)
    with pytest.raises(InvalidStatus):
        # A cookie alone still needs the site's own Origin.
        connect(url, additional_headers={"Cookie": cookie}, open_timeout=10)

    assert answered["type"] == "error" and answered["code"] == "unknown_type"
    assert bad_token_with_cookie == CLOSE_UNAUTHENTICATED


def test_only_requests_carrying_the_site_s_cookies_need_the_csrf_token(asgi_server):
    app = NativeClient(asgi_server)
    browser = Browser(asgi_server)
    browser.csrf_token()  # the browser has the CSRF cookie

    native_register = app.post("/api/v1/auth/register", {"email": fresh_email(), "password": PASSWORD, "display_name": "A"})
    native_reset = app.post("/api/v1/auth/password-reset", {"email": fresh_email()})
    native_login = app.post("/api/v1/auth/login", {"email": fresh_email(), "password": PASSWORD})
    browser_register = browser.post(
        "/api/v1/auth/register", {"email": fresh_email(), "password": PASSWORD, "display_name": "B"}, csrf=False
    )
    # What another site's form could post: no cookies (SameSite), but no JSON either.
    form_register = requests.post(
        f"{asgi_server}/api/v1/auth/register",
        data={"email": fresh_email(), "password": PASSWORD, "display_name": "F"},
        timeout=30,
    )

    assert native_register.status_code == 202, native_register.text
    assert native_reset.status_code == 204
    # A session is signed in only with the CSRF token (login CSRF): apps use auth/token.
    assert native_login.status_code == 403 and "CSRF" in native_login.json()["detail"]
    assert browser_register.status_code == 403 and "CSRF" in browser_register.json()["detail"]
    assert form_register.status_code == 403 and "CSRF" in form_register.json()["detail"]


def test_registration_limits_apply_to_native_clients(settings):
    settings.REGISTER_MAX_PER_IP = 2
    app = APIClient(REMOTE_ADDR=fresh_ip())

    answers = [
        app.post("/api/v1/auth/register", {"email": fresh_email(), "password": PASSWORD, "display_name": "C"}, format="json")
        for _ in range(3)
    ]

    assert [answer.status_code for answer in answers] == [202, 202, 429]
    assert "Retry-After" in answers[2].headers
    assert not answers[0].cookies
