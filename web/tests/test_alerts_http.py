"""Saved-search alerts end to end over real HTTP: a buyer saves a search, a
seller lists cars through the API, the relay (a real Celery worker) indexes
them, the alert task (beat in that worker) matches them, and the buyer reads
the notification from GET /api/v1/me/notifications."""

import pytest

from core.alerts.models import SavedSearch
from core.listings.models import Listing
from testing.accounts import UserFactory
from testing.browser import Browser
from testing.catalog import CarModelFactory, MakeFactory, toyota_land_cruiser
from testing.processes import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def car(model: str, price: str, make: str = "toyota", **fields) -> dict:
    return {
        "make": make,
        "model": model,
        "year": 2021,
        "price": price,
        "mileage_km": 41000,
        "fuel": "petrol",
        "transmission": "automatic",
        "regional_spec": "gcc",
        "region": "muharraq",
        "duplicate_confirmed": True,  # a seller's cars here are alike but distinct
        **fields,
    }


def test_a_new_matching_car_notifies_the_buyer_and_others_do_not(asgi_server, celery_worker, fresh_index, unique):
    toyota_land_cruiser()
    CarModelFactory(make=MakeFactory(slug="nissan", name_en="Nissan", name_ar="نيسان"), slug="patrol", body_type="suv")
    buyer, seller = UserFactory(), UserFactory(display_name="Seller Name")
    buyer_app, seller_app = Browser(asgi_server), Browser(asgi_server)
    buyer_app.sign_in(buyer.email)
    seller_app.sign_in(seller.email)

    saved = buyer_app.post(
        "/api/v1/me/saved-searches",
        {"name": "Land Cruiser under 30k", "query": "make=toyota&model=land-cruiser&price_max=30000", "alert": True},
    )
    assert saved.status_code == 201, saved.text
    listed = {
        name: seller_app.post("/api/v1/listings", body)
        for name, body in {
            "match": car("land-cruiser", "25000.000", description=f"Full history {unique}"),
            "too_dear": car("land-cruiser", "45000.000"),
            "other_make": car("patrol", "20000.000", make="nissan"),
        }.items()
    }
    own = buyer_app.post("/api/v1/listings", car("land-cruiser", "21000.000"))
    assert {name: answer.status_code for name, answer in listed.items()} == {"match": 201, "too_dear": 201, "other_make": 201}
    assert own.status_code == 201
    ids = {name: answer.json()["id"] for name, answer in listed.items()}

    def notifications():
        page = buyer_app.get("/api/v1/me/notifications").json()
        return page if page["count"] else None

    page = wait_until(notifications, timeout=60, message="the buyer's notification")
    # Wait until an alert run covered every listing above, then look again.
    changed_at = max(Listing.objects.filter(pk__in=[*ids.values(), own.json()["id"]]).values_list("updated_at", flat=True))
    wait_until(
        lambda: SavedSearch.objects.get(pk=saved.json()["id"]).checked_until > changed_at,
        timeout=60,
        message="an alert run after the last listing",
    )
    page = buyer_app.get("/api/v1/me/notifications").json()

    assert page["count"] == 1 and page["unread_count"] == 1
    (notification,) = page["results"]
    assert notification["kind"] == "new_match" and notification["read_at"] is None
    assert notification["saved_search"] == {
        "id": saved.json()["id"],
        "name": "Land Cruiser under 30k",
        "query": "make=toyota&model=land-cruiser&price_max=30000",
    }
    assert {key: notification["listing"][key] for key in ("id", "make", "model", "price", "status")} == {
        "id": ids["match"],
        "make": "toyota",
        "model": "land-cruiser",
        "price": "25000.000",
        "status": "active",
    }
    assert buyer_app.get(f"/api/v1/me/saved-searches/{saved.json()['id']}").json()["unread_count"] == 1
    assert seller_app.get("/api/v1/me/notifications").json()["count"] == 0

    read = buyer_app.post("/api/v1/me/notifications/read", {"ids": [notification["id"]]})
    assert read.status_code == 204
    assert buyer_app.get("/api/v1/me/notifications/unread-count").json() == {"unread_count": 0}
    assert buyer_app.get("/api/v1/me/notifications", params={"unread": "true"}).json()["count"] == 0


def test_favourites_show_the_saved_price_and_a_drop(asgi_server):
    toyota_land_cruiser()
    buyer, seller = UserFactory(), UserFactory()
    buyer_app, seller_app = Browser(asgi_server), Browser(asgi_server)
    buyer_app.sign_in(buyer.email)
    seller_app.sign_in(seller.email)
    first = seller_app.post("/api/v1/listings", car("land-cruiser", "30000.000")).json()["id"]
    second = seller_app.post("/api/v1/listings", car("land-cruiser", "18000.000")).json()["id"]

    saves = [buyer_app.put(f"/api/v1/me/favorites/{listing}").status_code for listing in (first, second, first)]
    seller_app.patch(f"/api/v1/listings/{first}", {"price": "27500.000"})
    page = buyer_app.get("/api/v1/me/favorites").json()

    assert saves == [204, 204, 204]
    assert page["count"] == 2
    assert [(row["id"], row["price"], row["saved_price"], row["price_dropped"]) for row in page["results"]] == [
        (second, "18000.000", "18000.000", False),
        (first, "27500.000", "30000.000", True),
    ]
    assert page["results"][0]["seller"] == {
        "id": seller.pk,
        "display_name": seller.display_name,
        "account_type": "private",
        "contacts": [],
        "badges": [],
    }
    assert buyer_app.delete(f"/api/v1/me/favorites/{first}").status_code == 204
    assert buyer_app.get("/api/v1/me/favorites/ids").json() == {"ids": [second]}
    assert buyer_app.put("/api/v1/me/favorites/999999999").status_code == 404
