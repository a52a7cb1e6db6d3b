"""The API speaks the user's language: a signed-in user's preferred_language,
else Accept-Language (web/api/authentication.py, LocaleMiddleware).

The sweep provokes one of each kind of refusal the API answers (bad input,
sign-in, lockout, permissions, conflicts, messaging, saved searches, search
parameters, malformed bodies) in Arabic, and reads every text of every answer:
no English sentence may be left in any.
"""

import re

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from core.listings import services
from testing.accounts import PASSWORD, UserFactory, fresh_ip, token_for
from testing.catalog import toyota_land_cruiser
from testing.listings import listing_data, make_listing

pytestmark = pytest.mark.django_db

# Three Latin words in a row make an English sentence; a code, an address, a slug or a list of them does not.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ '’-]+[A-Za-z]{2,}){2,}")


def texts(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in texts(value)]
    if isinstance(data, list):
        return [text for value in data for text in texts(value)]
    return []


def client_for(user=None, language: str = "ar") -> APIClient:
    # Its own address, so other tests' wrong passwords from 127.0.0.1 never rate-limit it.
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR=fresh_ip())
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


@pytest.fixture
def seller():
    return UserFactory(preferred_language="ar")


@pytest.fixture
def listing(seller):
    return make_listing(seller=seller, car=toyota_land_cruiser())


def _sweep(seller, listing) -> list[tuple[str, object]]:
    """(what was asked, the answer) for each refusal, asked in Arabic."""
    signed_in, anonymous = client_for(seller), client_for()
    sold = make_listing(seller=seller, car=toyota_land_cruiser())
    services.listing_mark_sold(listing_id=sold.pk)
    answers = [
        ("register with nothing", anonymous.post("/api/v1/auth/register", {}, format="json")),
        (
            "register badly",
            anonymous.post(
                "/api/v1/auth/register",
                {"email": "not-an-address", "password": "123", "display_name": " ", "phone": "12"},
                format="json",
            ),
        ),
        ("sign in wrongly", anonymous.post("/api/v1/auth/login", {"email": seller.email, "password": "wrong"}, format="json")),
        ("sign in with nothing", anonymous.post("/api/v1/auth/login", {}, format="json")),
        ("who am I, signed out", anonymous.get("/api/v1/me")),
        ("a bad token", client_for().get("/api/v1/me", HTTP_AUTHORIZATION="Token nope")),
        ("a listing that is not there", anonymous.get("/api/v1/listings/987654321")),
        ("a listing with nothing", signed_in.post("/api/v1/listings", {}, format="json")),
        (
            "a listing with bad values",
            signed_in.post(
                "/api/v1/listings",
                listing_data(year=1800, price="-4", mileage_km="lots", fuel="steam", make="nope"),
                format="json",
            ),
        ),
        ("a sold listing published again", signed_in.patch(f"/api/v1/listings/{sold.pk}", {"status": "active"}, format="json")),
        ("a status that is not one", signed_in.patch(f"/api/v1/listings/{listing.pk}", {"status": "gone"}, format="json")),
        ("a photo that is not one", signed_in.post(f"/api/v1/listings/{listing.pk}/photos", {}, format="multipart")),
        ("a body that is not JSON", signed_in.generic("POST", "/api/v1/listings", "{nope", content_type="application/json")),
        ("a bad idempotency key", signed_in.post("/api/v1/listings", {}, format="json", HTTP_IDEMPOTENCY_KEY="é" * 300)),
        ("search nonsense", anonymous.get("/api/v1/search/listings", {"year_min": "old", "sort": "best", "page_size": "1000"})),
        ("a page past the end", anonymous.get("/api/v1/search/listings", {"page": "99999"})),
        ("message my own car", signed_in.post("/api/v1/conversations", {"listing_id": listing.pk, "body": "hi"}, format="json")),
        ("message nothing", signed_in.post("/api/v1/conversations", {"listing_id": "x", "body": ""}, format="json")),
        ("a saved search with nothing", signed_in.post("/api/v1/me/saved-searches", {}, format="json")),
        ("a device that is not one", signed_in.post("/api/v1/me/devices", {"platform": "web"}, format="json")),
        ("a favourite that is not there", signed_in.post("/api/v1/me/favorites", {"listing_id": 987654321}, format="json")),
        (
            "change password wrongly",
            signed_in.post("/api/v1/me/password", {"current_password": "wrong", "new_password": "x"}, format="json"),
        ),
        ("analytics for a buyer", signed_in.get("/api/v1/analytics/aggregate", {"group_by": "make"})),
        ("a reset link that is not one", anonymous.post("/api/v1/auth/password-reset/confirm", {"token": "x"}, format="json")),
        ("a verification link that is not one", anonymous.post("/api/v1/auth/verify-email", {"token": "x"}, format="json")),
        ("a method that is not there", anonymous.delete("/api/v1/search/listings")),
    ]
    # Wrong passwords until the account's client is made to wait.
    for _ in range(12):
        locked = anonymous.post("/api/v1/auth/login", {"email": seller.email, "password": "wrong"}, format="json")
        if locked.status_code == 429:
            break
    answers.append(("sign in once too often", locked))
    return [
        (what, answer.json() if answer.get("Content-Type", "").startswith("application/json") else answer.content)
        for what, answer in answers
    ]


@override_settings(LOGIN_FREE_FAILURES=2)
def test_every_refusal_of_the_api_is_in_arabic(seller, listing):
    swept = _sweep(seller, listing)

    assert len(swept) == 27
    english = [(what, text) for what, body in swept for text in texts(body) if ENGLISH.search(text)]
    assert english == [], "\n".join(map(repr, english))
    # and every refusal says something, in Arabic letters
    assert all(re.search("[\u0600-\u06ff]", " ".join(texts(body))) for _, body in swept), swept


def test_a_signed_in_users_language_wins_over_the_browsers(listing):
    arabic_reader = UserFactory(preferred_language="ar")
    english_reader = UserFactory(preferred_language="en")

    in_arabic = client_for(arabic_reader, language="en").post("/api/v1/listings", {}, format="json")
    in_english = client_for(english_reader, language="ar").post("/api/v1/listings", {}, format="json")

    assert in_arabic.status_code == in_english.status_code == 400
    assert in_arabic.json()["make"] == ["هذا الحقل مطلوب."]
    assert in_english.json()["make"] == ["This field is required."]
    assert in_arabic["Content-Language"] == "ar" and in_english["Content-Language"] == "en"


def test_signed_out_the_browsers_language_is_spoken():
    wrong = {"email": "nobody@example.bh", "password": PASSWORD + "x"}

    assert client_for(language="ar").post("/api/v1/auth/login", wrong, format="json").json() == {
        "non_field_errors": ["البريد الإلكتروني أو كلمة المرور غير صحيحة."]
    }
    assert client_for(language="en").post("/api/v1/auth/login", wrong, format="json").json() == {
        "non_field_errors": ["The email or password is not right."]
    }
