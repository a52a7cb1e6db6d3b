"""Auth and account over real HTTP: uvicorn serving web.asgi, `requests` as the
browser app (session + CSRF) and as a script (token)."""

import email
import email.policy
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from rest_framework.authtoken.models import Token

from conftest import wait_until
from core.accounts.tests.factories import PASSWORD, UserFactory
from core.accounts.tests.test_services import NEW_PASSWORD, fresh_email
from web.tests.browser import Browser

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_browser_app_registers_signs_out_and_in_with_csrf(asgi_server):
    browser = Browser(asgi_server)
    address = fresh_email()

    registered = browser.post(
        "/api/v1/auth/register",
        {"email": address, "password": PASSWORD, "display_name": "Huda", "phone": "+97333123456"},
    )
    me = browser.get("/api/v1/me")
    signed_out = browser.post("/api/v1/auth/logout")
    after_logout = browser.get("/api/v1/me")
    browser.sign_in(address.upper())

    assert registered.status_code == 201, registered.text
    assert {key: registered.json()[key] for key in ("email", "display_name", "phone", "account_type")} == {
        "email": address,
        "display_name": "Huda",
        "phone": "+97333123456",
        "account_type": "private",
    }
    assert "Secure" not in registered.headers["Set-Cookie"] and "SameSite=Lax" in registered.headers["Set-Cookie"]
    assert me.status_code == 200 and me.json()["email"] == address
    assert signed_out.status_code == 204
    assert after_logout.status_code == 401
    assert browser.get("/api/v1/me").json()["email"] == address


def test_unsafe_requests_without_the_csrf_token_are_refused(asgi_server):
    user = UserFactory()
    browser = Browser(asgi_server)

    login_without_token = browser.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD}, csrf=False)
    browser.sign_in(user.email)
    change_without_token = browser.post(
        "/api/v1/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD}, csrf=False
    )
    edit_without_token = browser.patch("/api/v1/me", {"display_name": "Forged"}, csrf=False)
    edit_with_token = browser.patch("/api/v1/me", {"display_name": "Mine"})

    assert login_without_token.status_code == 403
    assert "CSRF" in login_without_token.json()["detail"]
    assert change_without_token.status_code == 403
    assert edit_without_token.status_code == 403
    assert edit_with_token.status_code == 200 and edit_with_token.json()["display_name"] == "Mine"


def test_a_script_uses_a_token_without_csrf(asgi_server):
    user = UserFactory()

    issued = Browser(asgi_server).post("/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, csrf=False)
    script = Browser(asgi_server, token=issued.json()["token"])
    me = script.get("/api/v1/me")
    edited = script.patch("/api/v1/me", {"preferred_language": "ar"})
    forged = Browser(asgi_server, token="0" * 40).get("/api/v1/me")

    assert issued.status_code == 200
    assert me.status_code == 200 and me.json()["email"] == user.email
    assert edited.status_code == 200 and edited.json()["preferred_language"] == "ar"
    assert forged.status_code == 401


def test_anonymous_requests_get_401_with_the_scheme_named(asgi_server):
    answer = Browser(asgi_server).get("/api/v1/me")

    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Token"


def test_repeated_failures_lock_the_account_with_retry_after(asgi_server):
    user = UserFactory()
    browser = Browser(asgi_server)

    failures = [
        browser.post("/api/v1/auth/login", {"email": user.email, "password": "wrong-password"}).status_code for _ in range(5)
    ]
    locked = browser.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD})
    token_locked = Browser(asgi_server).post("/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, csrf=False)
    someone_else = Browser(asgi_server).post("/api/v1/auth/token", {"email": UserFactory().email, "password": PASSWORD})

    assert failures == [400] * 5
    assert locked.status_code == 429
    assert 14 * 60 < int(locked.headers["Retry-After"]) <= 15 * 60 + 1
    assert "Try again in 15 minutes" in locked.json()["detail"]
    assert "sessionid" not in browser.session.cookies
    assert token_locked.status_code == 429 and "Retry-After" in token_locked.headers
    assert someone_else.status_code == 200


def test_a_password_change_keeps_this_session_and_ends_the_others(asgi_server):
    user = UserFactory()
    token = Token.objects.create(user=user).key
    this, other = Browser(asgi_server), Browser(asgi_server)
    this.sign_in(user.email)
    other.sign_in(user.email)

    wrong = this.post("/api/v1/me/password", {"current_password": "nope", "new_password": "short"})
    changed = this.post("/api/v1/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert wrong.status_code == 400
    assert set(wrong.json()) == {"current_password", "new_password"}
    assert changed.status_code == 204
    assert this.get("/api/v1/me").status_code == 200
    assert other.get("/api/v1/me").status_code == 401
    assert Browser(asgi_server, token=token).get("/api/v1/me").status_code == 401
    old = Browser(asgi_server).post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD})
    assert old.status_code == 400
    Browser(asgi_server).sign_in(user.email, NEW_PASSWORD)


def mails_to(mail_dir: Path, address: str) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                if message["To"] == address:
                    found.append(message)
    return found


def test_a_forgotten_password_is_reset_from_the_emailed_link(asgi_server, celery_worker, mail_dir):
    user = UserFactory()
    browser = Browser(asgi_server)

    asked = browser.post("/api/v1/auth/password-reset", {"email": user.email.upper()})
    unknown = browser.post("/api/v1/auth/password-reset", {"email": fresh_email()})
    malformed = browser.post("/api/v1/auth/password-reset", {"email": "nobody"})
    (message,) = wait_until(lambda: mails_to(mail_dir, user.email), timeout=30, message="the reset e-mail")
    link = re.search(r"https?://\S+/reset-password\?\S+", message.get_content()).group(0)
    params = {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}
    weak = browser.post("/api/v1/auth/password-reset/confirm", {**params, "new_password": "password"})
    confirmed = browser.post("/api/v1/auth/password-reset/confirm", {**params, "new_password": NEW_PASSWORD})
    reused = browser.post("/api/v1/auth/password-reset/confirm", {**params, "new_password": "a-Third-passw0rd"})

    assert (asked.status_code, unknown.status_code) == (204, 204)
    assert malformed.status_code == 400 and list(malformed.json()) == ["email"]
    assert message["Subject"] == "Reset your Sayara password"
    assert weak.status_code == 400 and list(weak.json()) == ["new_password"]
    assert confirmed.status_code == 204
    assert reused.status_code == 400 and list(reused.json()) == ["token"]
    Browser(asgi_server).sign_in(user.email, NEW_PASSWORD)


def test_the_profile_is_updated_with_field_errors_named(asgi_server):
    user = UserFactory()
    browser = Browser(asgi_server)
    browser.sign_in(user.email)

    bad = browser.patch("/api/v1/me", {"phone": "12345", "preferred_language": "fr"})
    good = browser.patch("/api/v1/me", {"phone": "+973 3912 3456", "preferred_language": "ar", "display_name": "Ali"})
    cleared = browser.patch("/api/v1/me", {"phone": None})

    assert bad.status_code == 400 and set(bad.json()) == {"phone", "preferred_language"}
    assert good.status_code == 200
    assert (good.json()["phone"], good.json()["preferred_language"], good.json()["display_name"]) == ("+97339123456", "ar", "Ali")
    assert cleared.json()["phone"] is None
