"""Phone verification by a one-time SMS code, read from the file sender as a
phone would receive it: codes expire, guesses and sends are limited, and a
verified number shows as the seller's badge."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from core.accounts.models import PhoneCode
from testing.accounts import UserFactory, fresh_phone
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def last_code(sms_file, phone: str) -> str:
    sent = [json.loads(line) for line in sms_file.read_text(encoding="utf-8").splitlines()]
    return re.search(r"\d{6}", [item for item in sent if item["to"] == phone][-1]["text"]).group()


def test_a_seller_verifies_their_phone_and_earns_the_badge(api, sms):
    user = UserFactory(phone="")
    listing = make_listing(seller=user)
    api.force_authenticate(user)
    number = fresh_phone()

    sent = api.post("/api/v1/me/phone/verify", {"phone": number}, format="json")
    wrong = api.post(
        "/api/v1/me/phone/confirm", {"code": "000000" if last_code(sms, number) != "000000" else "111111"}, format="json"
    )
    confirmed = api.post("/api/v1/me/phone/confirm", {"code": last_code(sms, number)}, format="json")

    assert sent.status_code == 202 and sent.json()["phone"] == number and sent.json()["phone_verified"] is False
    assert wrong.status_code == 400 and "code" in wrong.json()
    assert confirmed.status_code == 200 and confirmed.json()["phone_verified"] is True
    assert api.get(f"/api/v1/listings/{listing.pk}").json()["seller"]["badges"] == ["verified_phone"]
    # A code works once.
    assert api.post("/api/v1/me/phone/confirm", {"code": last_code(sms, number)}, format="json").status_code == 400
    # A new number is verified anew.
    assert api.patch("/api/v1/me", {"phone": fresh_phone()}, format="json").json()["phone_verified"] is False


def test_the_code_is_in_the_users_language_and_expires(api, sms):
    number = fresh_phone()
    user = UserFactory(phone=number, preferred_language="ar")
    api.force_authenticate(user)

    api.post("/api/v1/me/phone/verify", {}, format="json")
    code = last_code(sms, number)
    PhoneCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert "رمزك" in sms.read_text(encoding="utf-8")
    assert api.post("/api/v1/me/phone/confirm", {"code": code}, format="json").status_code == 400


def test_guesses_and_sends_are_limited(api, sms, settings):
    settings.PHONE_CODE_ATTEMPTS = 2
    settings.PHONE_CODES_PER_HOUR = 2
    number = fresh_phone()
    user = UserFactory(phone=number)
    api.force_authenticate(user)
    api.post("/api/v1/me/phone/verify", {}, format="json")
    code = last_code(sms, number)
    wrong = "000000" if code != "000000" else "111111"

    guesses = [api.post("/api/v1/me/phone/confirm", {"code": wrong}, format="json").status_code for _ in range(2)]
    blocked = api.post("/api/v1/me/phone/confirm", {"code": code}, format="json")
    second = api.post("/api/v1/me/phone/verify", {}, format="json")
    third = api.post("/api/v1/me/phone/verify", {}, format="json")

    assert guesses == [400, 400]
    assert blocked.status_code == 429  # even the right code, once the guesses are used up
    assert second.status_code == 202
    assert third.status_code == 429 and int(third["Retry-After"]) > 0
    assert api.post("/api/v1/me/phone/confirm", {"code": last_code(sms, number)}, format="json").status_code == 200


def test_bad_input_and_anonymous_callers(api, sms):
    assert api.post("/api/v1/me/phone/verify", {}, format="json").status_code == 401
    api.force_authenticate(UserFactory(phone=""))
    assert api.post("/api/v1/me/phone/verify", {}, format="json").status_code == 400
    assert api.post("/api/v1/me/phone/verify", {"phone": "12345"}, format="json").status_code == 400
    assert api.post("/api/v1/me/phone/confirm", {"code": 123456}, format="json").status_code == 400
