"""The path the whole product rests on: a seller's listing, written to
PostgreSQL, relayed by a real Celery worker, found by buyers' search."""

import pytest

from conftest import wait_until
from core.accounts.tests.factories import UserFactory
from core.catalog.tests.factories import toyota_land_cruiser
from core.outbox.models import OutboxEntry

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
            "governorate": "muharraq",
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
