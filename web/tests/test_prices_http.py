"""Honest prices through the API on the real stack (PostgreSQL, the outbox,
the relay, OpenSearch): an implausible price asks the seller to confirm, an
extreme one waits for review out of search, the market value leaves outliers
out and never rates an implausible price, the price history and the cards'
price-drop badge, and the "Best deals" sort."""

import socket
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.listings.models import Listing
from discovery.prices import listings_rate_deals
from search.engine import get_engine
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory, catalog_model
from testing.index import index_listings
from testing.listings import listing_data
from testing.market import listing_at

pytestmark = pytest.mark.django_db


def market(model, prices: list[str]) -> None:
    """Comparable cars of `model` (2020, 60,000 km) listed over the last weeks, in the index."""
    other = UserFactory()
    for n, price in enumerate(prices):
        listing_at(timezone.now() - timedelta(days=5 + n), seller=other, car=model, price=price)
    index_listings()


def found(api, model, **params) -> list[int]:
    body = api.get("/api/v1/search/listings", {"make": model.make.slug, "model": model.slug, **params}).json()
    return [card["id"] for card in body["results"]]


def test_a_scam_price_asks_to_confirm_then_waits_for_review_out_of_search(api, seller, fresh_index):
    # given a 2019 Giulia, a car the catalog knows (no comparable listed yet)
    giulia = catalog_model("alfa-romeo", "giulia")
    data = listing_data(giulia, year=2019, price="1.500", mileage_km=40000)

    # when the seller lists it at BHD 1.500
    asked = api.post("/api/v1/listings", data, format="json")

    # then nothing is listed: the seller is asked to confirm, and told it would wait for review
    assert asked.status_code == 400
    assert asked.json()["code"] == "price_unusual"
    assert asked.json()["hold"] is True
    assert asked.json()["price"]
    assert Decimal(asked.json()["floor"]) > Decimal("1000")
    assert not Listing.objects.filter(seller=seller).exists()

    # when they confirm it
    confirmed = api.post("/api/v1/listings", {**data, "price_confirmed": True}, format="json")

    # then it waits for review: its seller sees it, buyers do not, search does not
    assert confirmed.status_code == 201
    listing = confirmed.json()
    assert listing["status"] == "pending_review"
    index_listings()
    assert found(api, giulia) == []
    assert api.get(f"/api/v1/listings/{listing['id']}").status_code == 200
    assert api.get("/api/v1/me/listings", {"status": "pending_review"}).json()["count"] == 1
    value = api.get(f"/api/v1/listings/{listing['id']}/market-value").json()
    assert value["rating"] is None
    assert value["reason"] == "price_implausible"
    api.force_authenticate(None)
    assert api.get(f"/api/v1/listings/{listing['id']}").status_code == 404


def test_a_price_far_below_the_band_asks_to_confirm_and_then_goes_live(api, seller, fresh_index):
    model = CarModelFactory()
    market(model, ["10000.000"] * 10)

    asked = api.post("/api/v1/listings", listing_data(model, price="5000.000"), format="json")
    confirmed = api.post("/api/v1/listings", listing_data(model, price="5000.000", price_confirmed=True), format="json")
    # The seller's second car of this model and year: they confirm it is not the first listed twice.
    usual = api.post("/api/v1/listings", listing_data(model, price="9000.000", duplicate_confirmed=True), format="json")

    assert asked.status_code == 400
    assert asked.json()["code"] == "price_unusual"
    assert asked.json()["hold"] is False
    assert asked.json()["typical"] == {"low": "10000.000", "high": "10000.000"}
    assert confirmed.status_code == 201 and confirmed.json()["status"] == "active"
    assert usual.status_code == 201 and usual.json()["status"] == "active"
    assert usual.json()["deal_percent"] == -10.0
    # A confirmed but implausible price is never rated: no deal rating to sort by.
    assert confirmed.json()["deal_percent"] is None
    index_listings()
    assert set(found(api, model)) >= {confirmed.json()["id"], usual.json()["id"]}


def test_an_edit_to_an_extreme_price_takes_the_listing_to_review_and_a_plausible_one_brings_it_back(api, seller, fresh_index):
    model = CarModelFactory()
    market(model, ["10000.000"] * 10)
    listing = api.post("/api/v1/listings", listing_data(model, price="10500.000"), format="json").json()
    index_listings()
    assert listing["id"] in found(api, model)

    refused = api.patch(f"/api/v1/listings/{listing['id']}", {"price": "900.000"}, format="json")
    held = api.patch(f"/api/v1/listings/{listing['id']}", {"price": "900.000", "price_confirmed": True}, format="json")
    index_listings()

    assert refused.status_code == 400 and refused.json()["hold"] is True
    assert held.status_code == 200 and held.json()["status"] == "pending_review"
    assert listing["id"] not in found(api, model)
    # Asking to publish it as it is changes nothing: it waits for review.
    assert api.patch(f"/api/v1/listings/{listing['id']}", {"status": "active"}, format="json").status_code == 400

    back = api.patch(f"/api/v1/listings/{listing['id']}", {"price": "9900.000"}, format="json")
    index_listings()

    assert back.status_code == 200 and back.json()["status"] == "active"
    assert listing["id"] in found(api, model)


def test_the_market_value_leaves_outliers_out_and_never_rates_an_implausible_price(api, seller, fresh_index):
    # given ten comparables at 10,000, a scam at 500 and a typo at 900,000
    model = CarModelFactory()
    market(model, ["10000.000"] * 10 + ["500.000", "900000.000"])
    fair = listing_at(timezone.now(), car=model, price="10000.000")
    scam = listing_at(timezone.now(), car=model, price="1.000")
    index_listings()

    fair_value = api.get(f"/api/v1/listings/{fair.pk}/market-value").json()
    scam_value = api.get(f"/api/v1/listings/{scam.pk}/market-value").json()

    # then the band and the rating stand on the ten, and BHD 1 is no "great price"
    assert fair_value["comparables_count"] == 10
    assert fair_value["outliers_excluded"] == 3  # the scam at 500, the typo, and the BHD 1 listing
    assert fair_value["band"]["p10"] == "10000.000"
    assert fair_value["rating"] == "fair"
    assert scam_value["rating"] is None
    assert scam_value["reason"] == "price_implausible"
    assert scam_value["difference_percent"] is None


def test_too_few_comparables_or_none_say_why_there_is_no_rating(api, fresh_index):
    model = CarModelFactory()
    market(model, ["10000.000"] * 3)
    few = listing_at(timezone.now(), car=model, price="10000.000")
    alone = listing_at(timezone.now(), car=CarModelFactory(), price="10000.000")
    index_listings()

    assert api.get(f"/api/v1/listings/{few.pk}/market-value").json()["reason"] == "not_enough_comparables"
    assert api.get(f"/api/v1/listings/{alone.pk}/market-value").json()["reason"] == "rare_car"
    assert api.get(f"/api/v1/listings/{alone.pk}/market-value").json()["rating"] is None


def test_price_history_newest_first_and_the_cards_price_drop_badge(api, seller, fresh_index):
    model = CarModelFactory()
    created = api.post("/api/v1/listings", listing_data(model, price="10000.000"), format="json").json()
    url = f"/api/v1/listings/{created['id']}"

    dropped = api.patch(url, {"price": "9700.000"}, format="json").json()
    index_listings()
    card = api.get("/api/v1/search/listings", {"make": model.make.slug}).json()["results"][0]

    assert [entry["price"] for entry in dropped["price_history"]] == ["9700.000", "10000.000"]
    assert dropped["price_drop"] == "300.000"
    assert dropped["days_listed"] == 0
    assert card["price_drop"] == "300.000"
    assert card["days_listed"] == 0

    raised = api.patch(url, {"price": "9900.000"}, format="json").json()
    index_listings()
    card = api.get("/api/v1/search/listings", {"make": model.make.slug}).json()["results"][0]

    assert [entry["price"] for entry in raised["price_history"]] == ["9900.000", "9700.000", "10000.000"]
    assert raised["price_drop"] is None
    assert card["price_drop"] is None
    # An edit that leaves the price alone adds nothing to its history.
    assert len(api.patch(url, {"description": "Full service history."}, format="json").json()["price_history"]) == 3


def test_best_deals_sorts_furthest_below_the_market_first_and_unrated_last(api, seller, fresh_index):
    model = CarModelFactory()
    market(model, ["10000.000"] * 10)
    ids = {
        price: api.post(
            "/api/v1/listings", listing_data(model, price=price, price_confirmed=True, duplicate_confirmed=True), format="json"
        ).json()["id"]
        for price in ("9500.000", "8000.000", "11000.000", "3000.000")
    }
    index_listings()

    order = found(api, model, sort="best_deals", page_size=100)

    ranked = [ids["8000.000"], ids["9500.000"], ids["11000.000"]]
    assert [listing_id for listing_id in order if listing_id in ranked] == ranked
    # The implausible BHD 3,000 is not a best deal: it sorts after every rated car.
    assert order[-1] == ids["3000.000"] or order.index(ids["3000.000"]) > max(order.index(i) for i in ranked)
    assert api.get("/api/v1/search/listings", {"sort": "cheapest-ever"}).status_code == 400


def test_the_rating_run_rates_listings_written_without_it_and_then_changes_nothing(api, fresh_index):
    # given a market inserted without ratings (as demo data is) and one bargain among it
    model = CarModelFactory()
    market(model, ["10000.000"] * 10)
    bargain = listing_at(timezone.now(), car=model, price="8500.000")
    index_listings()
    assert Listing.objects.get(pk=bargain.pk).deal_percent is None

    changed = listings_rate_deals()
    index_listings()

    assert changed == 11
    assert Listing.objects.get(pk=bargain.pk).deal_percent == Decimal("-15.0")
    assert found(api, model, sort="best_deals")[0] == bargain.pk
    assert listings_rate_deals() == 0


@pytest.fixture
def engine_down(settings):
    """Search at an address where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SEARCH_URL = f"http://127.0.0.1:{port}"
    get_engine.cache_clear()
    yield
    get_engine.cache_clear()


def test_with_the_engine_down_the_catalog_floor_still_judges_and_nothing_is_lost(api, seller, engine_down):
    giulia = catalog_model("alfa-romeo", "giulia")

    scam = api.post("/api/v1/listings", listing_data(giulia, year=2019, price="1.500"), format="json")
    fair = api.post("/api/v1/listings", listing_data(giulia, year=2019, price="9500.000"), format="json")

    assert scam.status_code == 400 and scam.json()["code"] == "price_unusual" and scam.json()["typical"] is None
    assert fair.status_code == 201 and fair.json()["status"] == "active"
    assert fair.json()["deal_percent"] is None
    assert Listing.objects.filter(seller=seller).count() == 1
