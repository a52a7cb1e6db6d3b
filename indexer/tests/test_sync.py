"""The path the whole product rests on: a seller's listing, written to
PostgreSQL, relayed by a real Celery worker, found by buyers' search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.listings.models import Listing
from core.listings.services import listing_bulk_expire
from core.outbox.models import OutboxEntry
from testing.accounts import UserFactory
from testing.catalog import toyota_land_cruiser
from testing.listings import listing_data, make_listing
from testing.processes import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_listing_created_through_the_api_becomes_searchable(api, celery_worker, fresh_index, unique):
    model = toyota_land_cruiser()
    api.force_authenticate(UserFactory())

    created = api.post(
        "/api/v1/listings",
        {
            "make": "toyota",
            "model": model.slug,
            "year": 2021,
            "price": "23500.500",
            "mileage_km": 41000,
            "fuel": "petrol",
            "transmission": "automatic",
            "regional_spec": "gcc",
            "region": "muharraq",
            "description": f"Full service history {unique}",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    listing_id = created.json()["id"]

    def found():
        answer = api.get("/api/v1/search/listings", {"q": unique})
        assert answer.status_code == 200, answer.content
        return answer.json() if answer.json()["count"] else None

    page = wait_until(found, timeout=15, message="the listing in search")
    assert [hit["id"] for hit in page["results"]] == [listing_id]
    hit = page["results"][0]
    assert hit["price"] == "23500.500"
    assert hit["make"] == "toyota" and hit["model"] == "land-cruiser"
    assert {"value": "toyota", "count": 1, "selected": False, "label_en": "Toyota", "label_ar": "تويوتا"} in page["facets"][
        "make"
    ]
    wait_until(lambda: not OutboxEntry.objects.filter(listing_id=listing_id).exists(), message="the outbox row consumed")


def search_count(api, word):
    return api.get("/api/v1/search/listings", {"q": word}).json()["count"]


def test_bulk_expire_reaches_the_index(api, celery_worker, fresh_index, unique):
    due = [make_listing(description=f"{unique} due {n}") for n in range(3)]
    fresh = make_listing(description=f"{unique} fresh")
    wait_until(lambda: search_count(api, unique) == 4, timeout=15, message="the listings searchable")
    Listing.objects.filter(pk__in=[listing.pk for listing in due]).update(expires_at=timezone.now() - timedelta(hours=1))

    assert listing_bulk_expire() == 3

    wait_until(lambda: search_count(api, unique) == 1, timeout=15, message="expired listings gone from search")
    assert api.get("/api/v1/search/listings", {"q": unique}).json()["results"][0]["id"] == fresh.pk


def test_sold_and_deleted_listings_leave_search_through_the_api(api, celery_worker, fresh_index, unique):
    seller = UserFactory()
    api.force_authenticate(seller)
    ids = [
        api.post(
            "/api/v1/listings",
            listing_data(toyota_land_cruiser(), description=f"{unique} {n}", duplicate_confirmed=True),
            format="json",
        ).json()["id"]
        for n in range(3)
    ]
    wait_until(lambda: search_count(api, unique) == 3, timeout=15, message="the listings searchable")

    assert api.patch(f"/api/v1/listings/{ids[0]}", {"status": "sold"}, format="json").status_code == 200
    assert api.delete(f"/api/v1/listings/{ids[1]}").status_code == 204

    wait_until(lambda: search_count(api, unique) == 1, timeout=15, message="sold and deleted listings gone")
