"""Recommendations end to end over real HTTP: buyers (signed in, or a visitor's
browser) view, contact and save listings through the ASGI server; a real
Celery worker indexes the listings and runs the periodic neighbours job; the
buyers read GET /api/v1/me/recommendations and /listings/{id}/also-viewed."""

import pytest

from core.listings.models import Listing
from core.listings.services import listing_delete, listing_mark_sold
from core.recommendations.models import ListingNeighbors, Signal
from scripts.processes import WorkerProcess
from search.engine import get_engine
from search.index import listings_alias
from testing.accounts import UserFactory
from testing.browser import Browser
from testing.catalog import CarModelFactory, MakeFactory
from testing.listings import make_listing
from testing.processes import wait_until, worker_env
from testing.schema import assert_matches_schema

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    """The real worker, with the neighbours job every two seconds instead of five minutes."""
    process = WorkerProcess(worker_env(RECOMMENDATIONS_RECOMPUTE_SECONDS="2"), tmp_path_factory.mktemp("worker")).start()
    yield process
    process.stop()


@pytest.fixture
def catalog():
    toyota = MakeFactory(slug="toyota", name_en="Toyota", name_ar="تويوتا")
    nissan = MakeFactory(slug="nissan", name_en="Nissan", name_ar="نيسان")
    honda = MakeFactory(slug="honda", name_en="Honda", name_ar="هوندا")
    return {
        "land-cruiser": CarModelFactory(
            make=toyota, slug="land-cruiser", name_en="Land Cruiser", name_ar="لاند كروزر", body_type="suv"
        ),
        "patrol": CarModelFactory(make=nissan, slug="patrol", name_en="Patrol", name_ar="باترول", body_type="suv"),
        "civic": CarModelFactory(make=honda, slug="civic", name_en="Civic", name_ar="سيفيك", body_type="sedan"),
        "sunny": CarModelFactory(make=nissan, slug="sunny", name_en="Sunny", name_ar="صني", body_type="sedan"),
    }


def indexed(*listings: Listing) -> None:
    """Wait until the worker's relay made these listings searchable."""
    ids = [str(listing.pk) for listing in listings]
    body = {"query": {"ids": {"values": ids}}}
    wait_until(lambda: get_engine().count(listings_alias(), body) == len(ids), timeout=30, message="the listings indexed")


def recommended(app: Browser, **params) -> dict:
    answer = app.get("/api/v1/me/recommendations", params=params)
    assert answer.status_code == 200, answer.text
    assert_matches_schema(answer, "GET", "/api/v1/me/recommendations")
    return answer.json()


def ids(page: dict) -> list[int]:
    return [item["id"] for item in page["results"]]


def signals_recorded(count: int):
    return wait_until(lambda: Signal.objects.count() >= count, timeout=15, message=f"{count} signals recorded")


def test_recommendations_follow_what_the_buyer_viewed_and_never_show_what_they_must_not(
    asgi_server, worker, fresh_index, catalog
):
    seller, buyer = UserFactory(), UserFactory()
    suvs = [
        make_listing(seller=seller, car=catalog["land-cruiser" if n % 2 else "patrol"], price=f"{9000 + n * 500}.000")
        for n in range(8)
    ]
    sedans = [make_listing(seller=seller, car=catalog["civic"], price="4000.000", year=2015) for _ in range(4)]
    own = make_listing(seller=buyer, car=catalog["land-cruiser"], price="9500.000")
    sold = make_listing(seller=seller, car=catalog["land-cruiser"], price="9600.000")
    removed = make_listing(seller=seller, car=catalog["patrol"], price="9700.000")
    indexed(*suvs, *sedans, own, sold, removed)
    listing_mark_sold(listing_id=sold.pk)
    listing_delete(listing_id=removed.pk)
    app = Browser(asgi_server)
    app.sign_in(buyer.email)

    for listing in suvs[:3]:
        assert app.get(f"/api/v1/listings/{listing.pk}").status_code == 200
    contacted = suvs[3]
    assert app.post(f"/api/v1/listings/{contacted.pk}/contact-click").status_code == 204
    signals_recorded(4)
    page = recommended(app)

    shown = ids(page)
    assert page["enabled"] is True and page["count"] == len(shown) > 0
    assert not {own.pk, sold.pk, removed.pk, contacted.pk, *(s.pk for s in suvs[:3])} & set(shown)
    # The SUVs the buyer leans to come before the cheap sedans.
    assert set(shown[:4]) <= {s.pk for s in suvs[4:]}
    first = page["results"][0]
    assert first["reason"]["code"] == "interests"
    assert first["reason"]["text_en"].startswith("Because you looked at ") and "SUVs" in first["reason"]["text_en"]
    assert first["reason"]["text_ar"].startswith("لأنك تصفحت سيارات إس يو في")

    # Paged like every list; a car sold a moment ago is gone at once (PostgreSQL decides, not the index).
    second = recommended(app, page=2, page_size=2)
    assert (second["page"], second["page_size"], second["count"], ids(second)) == (2, 2, page["count"], shown[2:4])
    listing_mark_sold(listing_id=shown[0])
    assert shown[0] not in ids(recommended(app))
    assert app.get("/api/v1/me/recommendations", params={"page_size": "0"}).status_code == 400


def test_a_visitor_turns_recommendations_off_and_clears_their_history(asgi_server, worker, fresh_index, catalog):
    seller = UserFactory()
    cars = [make_listing(seller=seller, car=catalog["patrol"], price=f"{12000 + n * 300}.000") for n in range(4)]
    indexed(*cars)
    visitor = Browser(asgi_server)  # no account

    visitor.get(f"/api/v1/listings/{cars[0].pk}")
    assert "sayara_visitor" in visitor.session.cookies
    visitor.post(f"/api/v1/listings/{cars[1].pk}/engagement", {"kind": "photo_swipe"})
    signals_recorded(2)
    assert visitor.get("/api/v1/me/recommendations/settings").json() == {
        "enabled": True,
        "history_cleared_at": None,
        "signals": 2,
    }
    assert recommended(visitor)["results"][0]["reason"]["code"] == "interests"

    # Clearing forgets: the next list knows nothing of the Patrols.
    assert visitor.delete("/api/v1/me/recommendations/history", csrf=False).status_code == 403
    assert visitor.delete("/api/v1/me/recommendations/history").status_code == 204
    assert visitor.get("/api/v1/me/recommendations/settings").json()["signals"] == 0
    assert {item["reason"]["code"] for item in recommended(visitor)["results"]} <= {"new", "popular"}

    # Off: nothing is recommended, at once, and nothing more is learnt.
    off = visitor.put("/api/v1/me/recommendations/settings", {"enabled": False})
    assert off.status_code == 200 and off.json()["enabled"] is False
    assert recommended(visitor) == {"count": 0, "page": 1, "page_size": 12, "results": [], "enabled": False}
    assert visitor.put("/api/v1/me/recommendations/settings", {"enabled": "maybe"}).status_code == 400
    # Another browser is another visitor, with recommendations on.
    assert recommended(Browser(asgi_server))["enabled"] is True


def test_a_new_listing_and_a_new_favourite_change_recommendations_within_a_minute(asgi_server, worker, fresh_index, catalog):
    seller, buyer = UserFactory(), UserFactory()
    patrols = [make_listing(seller=seller, car=catalog["patrol"], price="15000.000") for _ in range(3)]
    sunnys = [make_listing(seller=seller, car=catalog["sunny"], price="3000.000", year=2014) for _ in range(2)]
    civics = [make_listing(seller=seller, car=catalog["civic"], price="3500.000", year=2014) for _ in range(3)]
    indexed(*patrols, *sunnys, *civics)
    app, seller_app = Browser(asgi_server), Browser(asgi_server)
    app.sign_in(buyer.email)
    seller_app.sign_in(seller.email)
    for listing in patrols[:2]:
        app.get(f"/api/v1/listings/{listing.pk}")
    signals_recorded(2)

    listed = seller_app.post(
        "/api/v1/listings",
        {
            "make": "nissan",
            "model": "patrol",
            "year": 2020,
            "price": "15500.000",
            "mileage_km": 30000,
            "fuel": "petrol",
            "transmission": "automatic",
            "regional_spec": "gcc",
            "region": "capital",
        },
    )
    assert listed.status_code == 201, listed.text
    wait_until(lambda: listed.json()["id"] in ids(recommended(app))[:3], timeout=60, message="the new Patrol recommended")

    assert app.put(f"/api/v1/me/favorites/{civics[0].pk}").status_code == 204
    wait_until(
        lambda: {c.pk for c in civics[1:]} & set(ids(recommended(app))[:3]), timeout=60, message="Civics after the favourite"
    )


def test_buyers_who_viewed_this_also_viewed(asgi_server, worker, fresh_index, catalog):
    seller = UserFactory()
    a, b, c, d = (make_listing(seller=seller, car=catalog[name]) for name in ("patrol", "civic", "sunny", "land-cruiser"))
    indexed(a, b, c, d)
    for pair in ((a, b), (a, b), (a, c)):
        visitor = Browser(asgi_server)
        for listing in pair:
            visitor.get(f"/api/v1/listings/{listing.pk}")
    signals_recorded(6)
    wait_until(lambda: ListingNeighbors.objects.filter(listing_id=a.pk).exclude(neighbors=[]).exists(), timeout=30)

    answer = Browser(asgi_server).get(f"/api/v1/listings/{a.pk}/also-viewed")
    assert_matches_schema(answer, "GET", "/api/v1/listings/{listing_id}/also-viewed")
    page = answer.json()
    assert [item["id"] for item in page["results"]] == [b.pk, c.pk] and page["count"] == 2

    # A new visitor who looked at A is offered B, and told why.
    newcomer = Browser(asgi_server)
    newcomer.get(f"/api/v1/listings/{a.pk}")
    wait_until(lambda: Signal.objects.count() >= 7, timeout=15)
    first = recommended(newcomer)["results"][0]
    assert first["id"] == b.pk and first["reason"]["code"] == "viewed_together"
    assert first["reason"]["text_en"] == "Buyers who viewed the 2020 Nissan Patrol also viewed this"

    assert Browser(asgi_server).get("/api/v1/listings/999999999/also-viewed").status_code == 404
    assert Browser(asgi_server).get(f"/api/v1/listings/{a.pk}/also-viewed?page=x").status_code == 400


def test_recommendations_are_of_the_country_browsed_and_priced_in_its_currency(asgi_server, worker, fresh_index, catalog):
    seller, buyer = UserFactory(), UserFactory()
    saudi_suvs = [
        make_listing(seller=seller, car=catalog["land-cruiser"], country="sa", region="riyadh", price=f"{90000 + n * 5000}.00")
        for n in range(6)
    ]
    saudi_sedans = [make_listing(seller=seller, car=catalog["civic"], country="sa", region="riyadh", price="40000.00")]
    bahraini_suvs = [make_listing(seller=seller, car=catalog["patrol"], price=f"{9000 + n * 300}.000") for n in range(4)]
    indexed(*saudi_suvs, *saudi_sedans, *bahraini_suvs)
    app = Browser(asgi_server)
    app.sign_in(buyer.email)
    for listing in [*saudi_suvs[:3], bahraini_suvs[0]]:
        assert app.get(f"/api/v1/listings/{listing.pk}").status_code == 200
    signals_recorded(4)

    in_saudi = recommended(app, country="sa")
    shown = in_saudi["results"]
    assert shown and {car["country"] for car in shown} == {"sa"}
    # The buyer's band is of the Saudi cars they viewed, in riyals: the other Land Cruisers, not the cheap Civic.
    assert {car["id"] for car in shown[:3]} == {car.pk for car in saudi_suvs[3:]}
    reason = shown[0]["reason"]
    assert reason["code"] == "interests"
    assert reason["text_en"].endswith("under SAR 115,000"), reason
    assert reason["text_ar"].endswith("بأقل من 115,000 ر.س"), reason

    in_bahrain = recommended(app)
    assert {car["country"] for car in in_bahrain["results"]} == {"bh"}
    assert {car["id"] for car in in_bahrain["results"]} == {car.pk for car in bahraini_suvs[1:]}

    answer = app.get("/api/v1/me/recommendations", params={"country": "xx"})
    assert answer.status_code == 400 and "country" in answer.json(), answer.text
