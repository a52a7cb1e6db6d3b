"""The mobile app's push devices (API: /api/v1/me/devices)."""

import pytest
from rest_framework.test import APIClient

from core.push.models import Device
from testing.accounts import UserFactory
from testing.push import expo_token

pytestmark = pytest.mark.django_db


def test_a_device_is_registered_idempotently_listed_and_deleted(api, seller):
    token = expo_token()

    first = api.post("/api/v1/me/devices", {"token": token, "platform": "ios"}, format="json")
    again = api.post("/api/v1/me/devices", {"token": token, "platform": "ios", "language": "ar"}, format="json")
    listed = api.get("/api/v1/me/devices")
    deleted = api.delete(f"/api/v1/me/devices/{first.json()['id']}")
    deleted_again = api.delete(f"/api/v1/me/devices/{first.json()['id']}")

    assert (first.status_code, again.status_code) == (201, 201)
    assert set(first.json()) == {"id", "token", "platform", "language", "created_at", "registered_at"}
    assert again.json()["id"] == first.json()["id"]
    assert (first.json()["language"], again.json()["language"]) == ("en", "ar")
    assert listed.status_code == 200
    assert listed.json()["count"] == 1 and listed.json()["results"][0]["token"] == token
    assert deleted.status_code == 204
    assert deleted_again.status_code == 404
    assert not Device.objects.exists()


def test_a_token_registered_by_another_account_moves_and_others_devices_cannot_be_deleted(api, seller):
    other = APIClient()
    other.force_authenticate(UserFactory())
    token = expo_token()
    theirs = other.post("/api/v1/me/devices", {"token": token, "platform": "android"}, format="json").json()

    delete_theirs = api.delete(f"/api/v1/me/devices/{theirs['id']}")
    mine = api.post("/api/v1/me/devices", {"token": token, "platform": "android"}, format="json")

    assert delete_theirs.status_code == 404
    assert mine.status_code == 201
    assert other.get("/api/v1/me/devices").json()["count"] == 0
    assert api.get("/api/v1/me/devices").json()["count"] == 1


@pytest.mark.parametrize(
    "body",
    [None, [], "x", {"token": 5, "platform": "ios"}, {"token": "ExponentPushToken[a b]", "platform": "ios"}, {"platform": None}],
)
def test_bad_devices_are_400_naming_the_fields(api, seller, body):
    answer = api.post("/api/v1/me/devices", body, format="json")

    assert answer.status_code == 400, answer.content
    assert set(answer.json()) & {"token", "platform", "non_field_errors"}


def test_errors_speak_arabic(api, seller):
    answer = api.post("/api/v1/me/devices", {"token": "x", "platform": "web"}, format="json", HTTP_ACCEPT_LANGUAGE="ar")

    assert answer.status_code == 400
    assert answer.json() == {
        "token": ["أرسل رمز إشعارات Expo لهذا الجهاز: ExponentPushToken[…]."],
        "platform": ["يجب أن تكون ios أو android."],
    }


def test_devices_need_a_sign_in():
    anonymous = APIClient()

    assert anonymous.get("/api/v1/me/devices").status_code == 401
    assert anonymous.post("/api/v1/me/devices", {}, format="json").status_code == 401
    assert anonymous.delete("/api/v1/me/devices/1").status_code == 401
