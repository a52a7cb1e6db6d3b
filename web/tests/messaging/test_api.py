"""The messaging REST API (API.md, Messaging) as clients see it."""

import io
import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from PIL import Image
from rest_framework.test import APIClient

from core.listings.models import Listing, ListingPhoto
from core.listings.services import listing_mark_sold
from core.messaging import realtime, services
from core.messaging.models import Conversation, Message
from testing.accounts import UserFactory, token_for
from testing.browser import Browser
from testing.listings import make_listing
from testing.messaging import XSS_PAYLOADS, start_conversation

pytestmark = pytest.mark.django_db

DEAD_REDIS_URL = "redis://127.0.0.1:6397/0"  # nothing listens there


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_buyer_writes_to_a_seller_and_the_seller_answers():
    seller = UserFactory(display_name="Huda", phone="+97333998877")
    buyer = UserFactory(display_name="Ali")
    listing = make_listing(seller=seller, price="12500.500")

    started = client_for(buyer).post(
        "/api/v1/conversations", {"listing_id": listing.pk, "body": "Still available?"}, format="json"
    )

    assert started.status_code == 201, started.json()
    conversation = started.json()
    assert conversation["listing_id"] == listing.pk
    assert (
        conversation["listing"].items()
        >= {
            "id": listing.pk,
            "title": listing.title,
            "price": "12500.500",
            "currency": "BHD",
            "status": "active",
            "thumbnail_url": None,
        }.items()
    )
    assert conversation["role"] == "buyer"
    assert conversation["other_participant"] == {"id": seller.pk, "display_name": "Huda"}
    assert conversation["unread_count"] == 0
    assert conversation["last_message"]["body"] == "Still available?"
    assert conversation["can_send"] is True and conversation["blocked_by_me"] is False

    seller_api = client_for(seller)
    inbox = seller_api.get("/api/v1/conversations").json()
    assert inbox["count"] == 1
    [row] = inbox["results"]
    assert (row["id"], row["role"], row["unread_count"]) == (conversation["id"], "seller", 1)
    assert row["other_participant"] == {"id": buyer.pk, "display_name": "Ali"}
    assert seller_api.get("/api/v1/me/unread").json() == {"unread_count": 1, "conversations_with_unread": 1}

    reply = seller_api.post(f"/api/v1/conversations/{conversation['id']}/messages", {"body": "Yes, come today"}, format="json")
    assert reply.status_code == 201, reply.json()
    assert set(reply.json()) == {"id", "conversation_id", "sender_id", "body", "created_at", "read_at", "warnings"}
    assert (reply.json()["sender_id"], reply.json()["read_at"], reply.json()["warnings"]) == (seller.pk, None, [])

    assert seller_api.post(f"/api/v1/conversations/{conversation['id']}/read").status_code == 204
    assert seller_api.get("/api/v1/me/unread").json() == {"unread_count": 0, "conversations_with_unread": 0}
    history = client_for(buyer).get(f"/api/v1/conversations/{conversation['id']}/messages").json()
    assert [m["body"] for m in history["results"]] == ["Yes, come today", "Still available?"]
    assert history["results"][1]["read_at"] is not None and history["results"][0]["read_at"] is None


def test_a_second_start_reuses_the_conversation_with_200():
    buyer = UserFactory()
    listing = make_listing()
    api = client_for(buyer)
    first = api.post("/api/v1/conversations", {"listing_id": listing.pk, "body": "Hello"}, format="json")

    second = api.post("/api/v1/conversations", {"listing_id": str(listing.pk), "body": "Hello again"}, format="json")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["last_message"]["body"] == "Hello again"
    assert Conversation.objects.filter(listing=listing).count() == 1


def add_photo(listing: Listing) -> None:
    # Stored directly: listing_photo_add currently loses the image's width
    # (a listings issue, reported); this test reads thumbnails only.
    out = io.BytesIO()
    Image.new("RGB", (480, 360), "navy").save(out, "JPEG")
    photo = ListingPhoto(listing=listing, position=0)
    photo.image.save("car.jpg", ContentFile(out.getvalue()), save=False)
    photo.thumbnail.save("car-thumb.jpg", ContentFile(out.getvalue()), save=False)
    photo.width, photo.height = 480, 360
    photo.save()


def test_the_inbox_shows_the_listing_thumbnail_and_newest_activity_first(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    buyer = UserFactory()
    with_photo = make_listing()
    add_photo(with_photo)
    older = start_conversation(buyer=buyer, listing=with_photo)
    newer = start_conversation(buyer=buyer)

    rows = client_for(buyer).get("/api/v1/conversations").json()["results"]

    assert [row["id"] for row in rows] == [newer.pk, older.pk]
    assert rows[1]["listing"]["thumbnail_url"].startswith("/media/listings/")
    assert rows[0]["listing"]["thumbnail_url"] is None


def test_the_inbox_filters_by_listing():
    seller = UserFactory()
    listing = make_listing(seller=seller)
    about_it = start_conversation(listing=listing)
    start_conversation(seller=seller)
    api = client_for(seller)

    assert [row["id"] for row in api.get("/api/v1/conversations", {"listing_id": listing.pk}).json()["results"]] == [about_it.pk]
    assert api.get("/api/v1/conversations", {"listing_id": "abc"}).json() == {
        "listing_id": ["Must be the id of a listing or message (a whole number from 1)."]
    }


def test_history_pages_with_before_and_catches_up_with_after():
    conversation = start_conversation(body="m0")
    ids = [
        services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body=f"m{n}").pk for n in range(1, 4)
    ]
    api = client_for(conversation.buyer)
    url = f"/api/v1/conversations/{conversation.pk}/messages"

    older = api.get(url, {"before": ids[1], "page_size": 1}).json()
    newer = api.get(url, {"after": ids[0]}).json()

    assert (older["count"], [m["body"] for m in older["results"]]) == (2, ["m1"])
    assert [m["body"] for m in newer["results"]] == ["m2", "m3"]  # oldest first after a cursor
    assert api.get(url, {"before": "-1"}).status_code == 400
    assert "before" in api.get(url, {"before": "x"}).json()


@pytest.mark.django_db(transaction=True)
def test_catching_up_while_messages_arrive_never_skips_one(asgi_server, settings):
    """A client polls `after=<last id it has>` while the other side sends: it
    gets every message once, in order (real server, real concurrent commits)."""
    settings.MESSAGING_SENDS_PER_MINUTE = settings.MESSAGING_SENDS_PER_DAY = 10_000
    conversation = start_conversation(body="m0")
    sent: list[int] = []

    def other_side() -> None:
        for n in range(60):
            sent.append(services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body=f"m{n}").pk)
        connection.close()

    sender = threading.Thread(target=other_side)
    reader = Browser(asgi_server, token=token_for(conversation.buyer))
    url = f"/api/v1/conversations/{conversation.pk}/messages"
    cursor = conversation.messages.get().pk
    seen: list[int] = []
    sender.start()
    while True:
        done = not sender.is_alive()
        page = [m["id"] for m in reader.get(url, params={"after": cursor, "page_size": 3}).json()["results"]]
        seen += page
        cursor = page[-1] if page else cursor
        if done and not page:
            break
    sender.join()

    assert seen == sent


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "Hi"}, "listing_id"),
        ({"listing_id": True, "body": "Hi"}, "listing_id"),
        ({"listing_id": "seven", "body": "Hi"}, "listing_id"),
        ({"listing_id": None, "body": "Hi"}, "listing_id"),
    ],
)
def test_starting_needs_a_listing_id(payload, field):
    answer = client_for(UserFactory()).post("/api/v1/conversations", payload, format="json")

    assert answer.status_code == 400
    assert field in answer.json()


@pytest.mark.parametrize("body", ["", "   ", "x" * 4001, None, ["a list"]])
def test_bad_bodies_are_a_400_naming_body(body):
    conversation = start_conversation()

    answer = client_for(conversation.buyer).post(
        f"/api/v1/conversations/{conversation.pk}/messages", {"body": body}, format="json"
    )

    assert answer.status_code == 400
    assert list(answer.json()) == ["body"]


def test_a_json_array_instead_of_an_object_is_a_400():
    conversation = start_conversation()

    answer = client_for(conversation.buyer).post(f"/api/v1/conversations/{conversation.pk}/messages", ["Hi"], format="json")

    assert answer.status_code == 400 and "non_field_errors" in answer.json()


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_comes_back_as_the_same_text(payload):
    conversation = start_conversation()
    api = client_for(conversation.seller)

    sent = api.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": payload}, format="json")

    assert sent.json()["body"] == payload
    assert api.get(f"/api/v1/conversations/{conversation.pk}/messages").json()["results"][0]["body"] == payload
    assert api.get("/api/v1/conversations").json()["results"][0]["last_message"]["body"] == payload


def test_contact_details_come_back_with_warnings():
    conversation = start_conversation()

    sent = client_for(conversation.buyer).post(
        f"/api/v1/conversations/{conversation.pk}/messages", {"body": "WhatsApp me: 3312 3456, or mail a@b.com"}, format="json"
    )

    assert sent.status_code == 201
    assert sent.json()["warnings"] == ["phone_number", "email"]


def test_the_21st_message_in_a_minute_gets_429_with_retry_after():
    conversation = start_conversation()
    api = client_for(conversation.buyer)
    url = f"/api/v1/conversations/{conversation.pk}/messages"
    statuses = [api.post(url, {"body": f"n{n}"}, format="json").status_code for n in range(19)]

    limited = api.post(url, {"body": "too many"}, format="json")

    assert statuses == [201] * 19
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "too quickly" in limited.json()["detail"]
    assert Message.objects.filter(conversation=conversation).count() == 20


@pytest.mark.django_db(transaction=True)
def test_both_ways_of_sending_answer_and_document_429_past_the_limit(asgi_server):
    conversation = start_conversation()  # the first message of the minute
    buyer = Browser(asgi_server, token=token_for(conversation.buyer))
    sends = f"/api/v1/conversations/{conversation.pk}/messages"
    statuses = [buyer.post(sends, {"body": f"n{n}"}).status_code for n in range(19)]

    limited = {
        "/api/v1/conversations/{conversation_id}/messages": buyer.post(sends, {"body": "too many"}),
        "/api/v1/conversations": buyer.post("/api/v1/conversations", {"listing_id": make_listing().pk, "body": "Hi"}),
    }

    assert statuses == [201] * 19
    schema = buyer.get("/api/v1/schema/", params={"format": "json"}).json()
    for path, answer in limited.items():
        assert answer.status_code == 429, answer.text
        assert "too quickly" in answer.json()["detail"]
        documented = schema["paths"][path]["post"]["responses"]
        assert documented["429"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, path


def test_blocked_users_get_403_with_a_clear_message():
    conversation = start_conversation()
    seller_api, buyer_api = client_for(conversation.seller), client_for(conversation.buyer)

    assert seller_api.post(f"/api/v1/conversations/{conversation.pk}/block").status_code == 204
    refused = buyer_api.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Hello?"}, format="json")

    assert refused.status_code == 403
    assert refused.json() == {"detail": "This user has blocked you: you can no longer send them messages.", "code": "blocked"}
    assert buyer_api.get(f"/api/v1/conversations/{conversation.pk}").json()["can_send"] is False
    assert seller_api.get(f"/api/v1/conversations/{conversation.pk}").json()["blocked_by_me"] is True

    assert seller_api.delete(f"/api/v1/conversations/{conversation.pk}/block").status_code == 204
    again = buyer_api.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Hello?"}, format="json")
    assert again.status_code == 201


def test_a_seller_writing_about_their_own_listing_gets_a_clear_400():
    seller = UserFactory()
    listing = make_listing(seller=seller)

    refused = client_for(seller).post("/api/v1/conversations", {"listing_id": listing.pk, "body": "Hi"}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"listing_id": ["This is your own listing: buyers write to you about it."]}


def test_a_sold_listing_cannot_start_a_conversation():
    listing = make_listing()
    listing_mark_sold(listing_id=listing.pk)

    refused = client_for(UserFactory()).post("/api/v1/conversations", {"listing_id": listing.pk, "body": "Hi"}, format="json")

    assert refused.status_code == 400
    assert "not open for messages" in refused.json()["listing_id"][0]


def test_a_report_reaches_the_queue():
    conversation = start_conversation()
    api = client_for(conversation.seller)

    first = api.post(
        f"/api/v1/conversations/{conversation.pk}/report", {"reason": "Asks for a deposit by transfer"}, format="json"
    )
    again = api.post(f"/api/v1/conversations/{conversation.pk}/report", {"reason": "Again"}, format="json")
    empty = api.post(f"/api/v1/conversations/{conversation.pk}/report", {}, format="json")

    assert first.status_code == 201 and first.json()["status"] == "open"
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert empty.status_code == 400 and "reason" in empty.json()


def test_the_other_participant_is_never_shown_with_email_or_phone():
    seller = UserFactory(phone="+97333998877")
    conversation = start_conversation(seller=seller)
    api = client_for(conversation.buyer)

    for url in ("/api/v1/conversations", f"/api/v1/conversations/{conversation.pk}"):
        text = api.get(url).content.decode()
        assert seller.email not in text and seller.phone not in text


def test_token_clients_reach_messaging():
    conversation = start_conversation()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(conversation.buyer)}")

    assert api.get(f"/api/v1/conversations/{conversation.pk}").status_code == 200


def test_a_send_succeeds_while_redis_is_down(settings, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(realtime, "_down_until", 0.0)
    conversation = start_conversation()
    # Both the rate-limit cache and the channel layer lose Redis.
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": DEAD_REDIS_URL}}
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [DEAD_REDIS_URL]}},
    }

    with django_capture_on_commit_callbacks(execute=True) as published:
        sent = client_for(conversation.buyer).post(
            f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Offline but stored"}, format="json"
        )

    assert sent.status_code == 201
    assert len(published) == 1  # the push was attempted, failed quietly
    assert realtime._down_until > 0
    assert Message.objects.filter(conversation=conversation, body="Offline but stored").exists()


def test_the_schema_describes_messages_and_conversations_as_they_are_sent():
    conversation = start_conversation()
    api = client_for(conversation.buyer)
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"]

    sent = api.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Hi"}, format="json").json()
    shown = api.get(f"/api/v1/conversations/{conversation.pk}").json()

    assert set(schema["Message"]["properties"]) == set(sent)
    assert set(schema["Conversation"]["properties"]) == set(shown)
