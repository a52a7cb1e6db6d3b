"""web/api/accounts.py in process: the limits' answers, and sign-in without Redis."""

import logging

import pytest

from testing.accounts import PASSWORD, UserFactory, fresh_email, fresh_ip
from testing.processes import DEAD_REDIS

pytestmark = pytest.mark.django_db


def test_an_address_that_failed_too_often_gets_429_with_retry_after(api, settings):
    settings.LOGIN_IP_MAX_FAILURES = 2
    ip = fresh_ip()
    user = UserFactory()
    for _ in range(2):
        api.post("/api/v1/auth/login", {"email": fresh_email(), "password": "nope"}, format="json", REMOTE_ADDR=ip)

    refused = api.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD}, format="json", REMOTE_ADDR=ip)
    elsewhere = api.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD}, format="json", REMOTE_ADDR=fresh_ip())

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= settings.LOGIN_IP_WINDOW_SECONDS + 1
    assert "network" in refused.json()["detail"]
    assert elsewhere.status_code == 200


def test_too_many_reset_requests_from_one_address_get_429(api, settings):
    settings.PASSWORD_RESET_MAX_PER_IP = 1
    ip = fresh_ip()

    first = api.post("/api/v1/auth/password-reset", {"email": fresh_email()}, format="json", REMOTE_ADDR=ip)
    second = api.post("/api/v1/auth/password-reset", {"email": fresh_email()}, format="json", REMOTE_ADDR=ip)

    assert first.status_code == 204
    assert second.status_code == 429 and "Retry-After" in second


def test_without_redis_sign_in_still_works_and_warns(api, settings, caplog):
    settings.CACHES = DEAD_REDIS
    user = UserFactory()

    with caplog.at_level(logging.WARNING, logger="core.accounts.limits"):
        wrong = api.post("/api/v1/auth/login", {"email": user.email, "password": "nope"}, format="json")
        right = api.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD}, format="json")
        token = api.post("/api/v1/auth/token", {"email": user.email, "password": PASSWORD}, format="json")

    assert (wrong.status_code, right.status_code, token.status_code) == (400, 200, 200)
    assert "accounts.limits_unavailable" in [record.msg for record in caplog.records]


def test_the_account_never_shows_password_fields(api):
    user = UserFactory()
    api.force_authenticate(user)

    body = api.get("/api/v1/me").json()

    assert set(body) == {
        "id",
        "email",
        "display_name",
        "phone",
        "phone_verified",
        "account_type",
        "preferred_language",
        "country",
        "shows_call",
        "shows_whatsapp",
        "date_joined",
        "email_verified",
        "is_analyst",
        "is_staff",
    }
    assert body["phone"] is None
