"""Auth and account over real HTTP: uvicorn serving web.asgi, `requests` as the
browser app (session + CSRF) and as a script (token)."""

import email
import email.policy
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from core.outbox.models import OutboxEntry
from testing.accounts import NEW_PASSWORD, PASSWORD, UserFactory, fresh_email, token_for
from testing.browser import Browser
from testing.catalog import toyota_land_cruiser
from testing.listings import listing_data
from testing.processes import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def _link(message: email.message.EmailMessage, route: str) -> dict[str, str]:
    link = re.search(rf"https?://\S+/{route}\?\S+", message.get_content()).group(0)
    return {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}


def test_registering_sends_a_link_that_verifies_and_signs_in_the_same_browser(asgi_server, celery_worker, mail_dir):
    browser = Browser(asgi_server)
    address = fresh_email()

    registered = browser.post(
        "/api/v1/auth/register",
        {"email": address.upper(), "password": PASSWORD, "display_name": "Huda", "phone": "+97333123456"},
    )
    before = browser.get("/api/v1/me")
    (message,) = wait_until(lambda: mails_to(mail_dir, address), timeout=30, message="the verification e-mail")
    verified = browser.post("/api/v1/auth/verify-email", _link(message, "verify-email"))
    me = browser.get("/api/v1/me")

    assert registered.status_code == 202, registered.text
    assert registered.json() == {
        "detail": f"We sent a link to {address}. Open it to confirm your address, then sign in.",
        "email": address,
    }
    assert before.status_code == 401
    assert message["Subject"] == "Confirm your e-mail address for Sayara"
    assert verified.status_code == 200 and verified.json()["signed_in"] is True
    assert "Secure" not in verified.headers["Set-Cookie"] and "SameSite=Lax" in verified.headers["Set-Cookie"]
    assert me.status_code == 200
    assert {key: me.json()[key] for key in ("email", "display_name", "phone", "account_type", "email_verified")} == {
        "email": address,
        "display_name": "Huda",
        "phone": "+97333123456",
        "account_type": "private",
        "email_verified": True,
    }
    assert browser.post("/api/v1/auth/logout").status_code == 204
    assert browser.get("/api/v1/me").status_code == 401
    browser.sign_in(address.upper())


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_notice(asgi_server, celery_worker, mail_dir):
    owner = UserFactory()
    fresh = fresh_email()
    answers = [
        Browser(asgi_server).post("/api/v1/auth/register", {"email": email, "password": NEW_PASSWORD, "display_name": "Eve"})
        for email in (owner.email, fresh)
    ]

    (notice,) = wait_until(lambda: mails_to(mail_dir, owner.email), timeout=30, message="the registration notice")
    assert [answer.status_code for answer in answers] == [202, 202]
    assert [set(answer.json()) for answer in answers] == [{"detail", "email"}] * 2
    assert answers[0].json()["detail"].replace(owner.email, fresh) == answers[1].json()["detail"]
    assert notice["Subject"] == "Someone tried to register with your address on Sayara"
    # The owner's password still opens the account; the intruder's does not.
    Browser(asgi_server).sign_in(owner.email)
    assert Browser(asgi_server).post("/api/v1/auth/login", {"email": owner.email, "password": NEW_PASSWORD}).status_code == 400


def test_an_unverified_account_signs_in_but_must_verify_to_publish_or_write(asgi_server, celery_worker, mail_dir, fresh_index):
    user = UserFactory(email_verified_at=None)
    seller = UserFactory()
    browser = Browser(asgi_server)
    browser.sign_in(user.email)
    listing = Browser(asgi_server, token=token_for(seller)).post("/api/v1/listings", listing_data(toyota_land_cruiser()))

    publish = browser.post("/api/v1/listings", listing_data(toyota_land_cruiser()))
    draft = browser.post("/api/v1/listings", {**listing_data(toyota_land_cruiser()), "status": "draft"})
    write = browser.post("/api/v1/conversations", {"listing_id": listing.json()["id"], "body": "Still for sale?"})
    resent = browser.post("/api/v1/auth/verify-email/resend")
    (message,) = wait_until(lambda: mails_to(mail_dir, user.email), timeout=30, message="the new verification e-mail")
    elsewhere = Browser(asgi_server).post("/api/v1/auth/verify-email", _link(message, "verify-email"))
    published = browser.patch(f"/api/v1/listings/{draft.json()['id']}", {"status": "active"})

    assert publish.status_code == 403 and publish.json()["code"] == "email_unverified"
    assert "Verify your e-mail address to publish a listing" in publish.json()["detail"]
    assert draft.status_code == 201
    assert write.status_code == 403 and write.json()["code"] == "email_unverified"
    assert resent.status_code == 204
    # Opened in another browser: verified there, but not signed in there.
    assert elsewhere.status_code == 200 and elsewhere.json() == {"email_verified": True, "signed_in": False, "user": None}
    assert published.status_code == 200 and published.json()["status"] == "active"
    # The worker relays these listings: let it finish before the database is flushed.
    wait_until(lambda: not OutboxEntry.objects.exists(), timeout=30, message="the outbox to drain")


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


def test_wrong_passwords_slow_that_client_down_but_the_owner_s_device_gets_through(asgi_server):
    user = UserFactory()
    owner = Browser(asgi_server)
    owner.sign_in(user.email)
    attacker = Browser(asgi_server)

    failures = [
        attacker.post("/api/v1/auth/login", {"email": user.email, "password": "wrong-password"}).status_code for _ in range(5)
    ]
    slowed = attacker.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD})
    token_slowed = Browser(asgi_server).post("/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, csrf=False)
    owner.post("/api/v1/auth/logout")
    # The same address, but a browser that signed in before: a verified device.
    back_in = owner.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD})
    someone_else = Browser(asgi_server).post("/api/v1/auth/token", {"email": UserFactory().email, "password": PASSWORD})

    assert failures == [400] * 5
    assert slowed.status_code == 429
    assert 0 < int(slowed.headers["Retry-After"]) <= 31
    assert slowed.json()["detail"].startswith("Too many wrong passwords. Wait")
    assert "sessionid" not in attacker.session.cookies
    assert token_slowed.status_code == 429 and "Retry-After" in token_slowed.headers
    assert back_in.status_code == 200, back_in.text
    assert someone_else.status_code == 200


def test_a_password_change_keeps_this_session_and_ends_the_others(asgi_server):
    user = UserFactory()
    token = token_for(user)
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
    params = _link(message, "reset-password")
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


def test_my_country_is_read_and_changed_with_a_bad_one_refused_in_my_language(asgi_server):
    user = UserFactory(preferred_language="ar")
    browser = Browser(asgi_server)
    browser.sign_in(user.email)

    before = browser.get("/api/v1/me").json()["country"]
    bad = browser.patch("/api/v1/me", {"country": "fr"})
    good = browser.patch("/api/v1/me", {"country": "kw"})

    assert before == "bh"
    assert bad.status_code == 400 and list(bad.json()) == ["country"]
    assert bad.json()["country"][0].startswith("يجب")
    assert good.status_code == 200 and good.json()["country"] == "kw"
    assert browser.get("/api/v1/me").json()["country"] == "kw"
