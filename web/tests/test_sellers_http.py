"""Seller pages and sellers' numbers per listing, through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.events.models import ListingEvent
from testing.accounts import UserFactory
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def test_a_seller_page_shows_the_profile_badges_response_time_and_active_listings(api):
    seller = UserFactory(account_type="dealer", phone="+97333221100", phone_verified_at=timezone.now())
    shown = [make_listing(seller=seller) for _ in range(3)]
    draft = make_listing(seller=seller, publish=False)
    buyer = UserFactory()
    api.force_authenticate(buyer)
    conversation = api.post(
        "/api/v1/conversations", {"listing_id": shown[0].pk, "body": "Still available?"}, format="json"
    ).json()
    api.force_authenticate(seller)
    api.post(f"/api/v1/conversations/{conversation['id']}/messages", {"body": "Yes, come and see it."}, format="json")
    api.force_authenticate(None)

    page = api.get(f"/api/v1/sellers/{seller.pk}", {"page_size": 2})

    assert page.status_code == 200
    body = page.json()
    assert body["display_name"] == seller.display_name
    assert body["badges"] == ["verified_phone", "dealer"]
    assert body["active_listings"] == 3
    assert body["typical_response_minutes"] == 1
    assert body["listings"]["count"] == 3 and len(body["listings"]["results"]) == 2
    assert draft.pk not in {item["id"] for item in body["listings"]["results"]}
    assert "email" not in body and "phone" not in body


def test_unknown_and_suspended_sellers_have_no_page(api):
    suspended = UserFactory(is_active=False, suspended_at=timezone.now())

    assert api.get(f"/api/v1/sellers/{suspended.pk}").status_code == 404
    assert api.get("/api/v1/sellers/999999999").status_code == 404


def test_a_seller_sees_views_saves_and_leads_of_a_listing_by_day(api):
    seller = UserFactory(phone="+97333445599", shows_call=True, shows_whatsapp=True)
    listing = make_listing(seller=seller)
    today = timezone.localdate()
    ListingEvent.objects.bulk_create(
        [ListingEvent(kind="view", day=today - timedelta(days=1), listing_id=listing.pk, make="m", model="m")] * 2
        + [ListingEvent(kind="view", day=today, listing_id=listing.pk, make="m", model="m")]
    )
    buyer = UserFactory()
    api.force_authenticate(buyer)
    api.put(f"/api/v1/me/favorites/{listing.pk}")
    api.post(f"/api/v1/listings/{listing.pk}/phone", {"channel": "call"}, format="json")
    api.post(f"/api/v1/listings/{listing.pk}/phone", {"channel": "whatsapp"}, format="json")
    api.post("/api/v1/conversations", {"listing_id": listing.pk, "body": "Hello"}, format="json")

    theirs = api.get(f"/api/v1/me/listings/{listing.pk}/stats")
    api.force_authenticate(seller)
    stats = api.get(f"/api/v1/me/listings/{listing.pk}/stats", {"days": 7}).json()["days"]

    assert theirs.status_code == 404
    assert len(stats) == 7 and stats[-1]["day"] == today.isoformat()
    assert stats[-2]["views"] == 2
    assert stats[-1] == {"day": today.isoformat(), "views": 1, "saves": 1, "messages": 1, "calls": 1, "whatsapp": 1}
    assert api.get(f"/api/v1/me/listings/{listing.pk}/stats", {"days": "0"}).status_code == 400
