"""Idempotency-Key on creates (web/api/idempotency.py), over real HTTP: a retry
gets the first answer and creates nothing; another request under the same key
is refused; two tries at once create one thing."""

import io
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

from core.alerts.models import SavedSearch
from core.listings.models import Listing, ListingPhoto
from core.messaging.models import ConversationReport, Message
from testing.accounts import UserFactory, token_for
from testing.browser import Browser
from testing.catalog import toyota_land_cruiser
from testing.listings import listing_data, make_listing

pytestmark = pytest.mark.django_db(transaction=True)


# Retries are the subject, not the price check nor the duplicate check: the cars
# that earlier tests left in the index may make any price look unusual.
CONFIRMED = {"price_confirmed": True, "duplicate_confirmed": True}


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "blue").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def seller(asgi_server):
    user = UserFactory()
    return user, Browser(asgi_server, token=token_for(user))


def test_a_retried_listing_create_answers_the_same_and_creates_one_listing(seller):
    user, client = seller
    # The same car again under a new key is a new listing: the seller confirms it is another car.
    key, body = _key(), listing_data(toyota_land_cruiser(), **CONFIRMED)

    first = client.post("/api/v1/listings", body, headers=key)
    again = client.post("/api/v1/listings", body, headers=key)
    other_body = client.post("/api/v1/listings", {**body, "price": "9999.000"}, headers=key)
    new_key = client.post("/api/v1/listings", body, headers=_key())
    no_key = client.post("/api/v1/listings", body)

    assert first.status_code == 201 and again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert other_body.status_code == 422
    assert other_body.json()["code"] == "idempotency_key_reused"
    assert "already used for a different request" in other_body.json()["detail"]
    assert new_key.status_code == 201 and no_key.status_code == 201
    assert Listing.objects.filter(seller=user).count() == 3


def test_a_failed_create_is_not_kept_and_a_retry_runs_again(seller):
    user, client = seller
    key, body = _key(), listing_data(toyota_land_cruiser(), **CONFIRMED)

    refused = client.post("/api/v1/listings", {**body, "year": 1800}, headers=key)
    fixed = client.post("/api/v1/listings", body, headers=key)

    assert refused.status_code == 400
    assert fixed.status_code == 201
    assert Listing.objects.filter(seller=user).count() == 1


def test_two_tries_at_once_with_one_key_create_one_listing(seller):
    user, client = seller
    key, body = _key(), listing_data(toyota_land_cruiser(), **CONFIRMED)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: client.post("/api/v1/listings", body, headers=key), range(4)))

    assert [answer.status_code for answer in answers] == [201] * 4
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert Listing.objects.filter(seller=user).count() == 1


def test_photos_messages_reports_and_saved_searches_honour_the_key(asgi_server, seller):
    user, client = seller
    listing = make_listing(seller=user)
    other = make_listing()
    photo_key, start_key, message_key, report_key, search_key = (_key() for _ in range(5))

    def upload():
        # A retried multipart form gets a new boundary: the parsed fields and file are compared.
        return client.post(
            f"/api/v1/listings/{listing.pk}/photos", files={"image": ("car.png", _png(), "image/png")}, headers=photo_key
        )

    photos = [upload(), upload()]
    starts = [client.post("/api/v1/conversations", {"listing_id": other.pk, "body": "Hello"}, headers=start_key) for _ in "ab"]
    conversation = starts[0].json()["id"]
    messages = [
        client.post(f"/api/v1/conversations/{conversation}/messages", {"body": "Is it still for sale?"}, headers=message_key)
        for _ in "ab"
    ]
    reports = [
        client.post(f"/api/v1/conversations/{conversation}/report", {"reason": "Asked for a deposit"}, headers=report_key)
        for _ in "ab"
    ]
    searches = [client.post("/api/v1/me/saved-searches", {"query": "make=toyota"}, headers=search_key) for _ in "ab"]
    bad_key = client.post("/api/v1/me/saved-searches", {"query": "make=nissan"}, headers={"Idempotency-Key": "é" * 3})

    for first, again in (photos, starts, messages, reports, searches):
        assert first.status_code in (200, 201) and again.status_code == first.status_code, again.text
        assert again.json() == first.json()
    assert ListingPhoto.objects.filter(listing=listing).count() == 1
    assert Message.objects.filter(conversation_id=conversation).count() == 2
    assert ConversationReport.objects.filter(conversation_id=conversation).count() == 1
    assert SavedSearch.objects.filter(user=user).count() == 1
    assert bad_key.status_code == 400 and list(bad_key.json()) == ["Idempotency-Key"]
