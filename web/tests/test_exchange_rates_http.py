"""Exchange rates staff set in the admin, and the "≈ in your currency" price the API
works out from them when a listing is read (docs/API-notes/exchange-rates.md)."""

from decimal import Decimal

import pytest
from django.test import Client

from core.catalog.models import ExchangeRate
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory
from testing.index import index_listings
from testing.listings import make_listing

pytestmark = pytest.mark.django_db(transaction=True)

ADD = "/admin/catalog/exchangerate/add/"


@pytest.fixture
def staff():
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client, user


def test_staff_set_a_rate_in_the_admin_and_it_names_who(staff):
    client, user = staff

    response = client.post(ADD, {"base": "BHD", "quote": "SAR", "rate": "9.973404"})

    assert response.status_code == 302, response.content[:2000]
    rate = ExchangeRate.objects.get()
    assert (rate.base, rate.quote, rate.rate, rate.updated_by) == ("BHD", "SAR", Decimal("9.973404"), user)
    assert rate.updated_at is not None
    assert b"9.973404" in client.get("/admin/catalog/exchangerate/").content


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"base": "BHD", "quote": "BHD", "rate": "1"}, "quote"),
        ({"base": "BHD", "quote": "SAR", "rate": "0"}, "rate"),
        ({"base": "BHD", "quote": "SAR", "rate": "-9.97"}, "rate"),
        ({"base": "BHD", "quote": "SAR", "rate": "9.9734041"}, "rate"),  # seven decimals
        ({"base": "BHD", "quote": "USD", "rate": "2.65"}, "quote"),
    ],
)
def test_the_admin_refuses_a_rate_that_makes_no_sense(staff, data, field):
    client, _ = staff

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not ExchangeRate.objects.exists()


def test_one_rate_per_pair(staff):
    client, _ = staff
    ExchangeRate.objects.create(base="BHD", quote="SAR", rate="9.97")

    response = client.post(ADD, {"base": "BHD", "quote": "SAR", "rate": "9.98"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert ExchangeRate.objects.get().rate == Decimal("9.970000")


def test_a_listing_shows_its_price_in_the_buyers_currency_only_with_a_rate(api):
    listing = make_listing(price="8500.000")
    url = f"/api/v1/listings/{listing.pk}"

    assert api.get(url, {"display_currency": "SAR"}).json()["price_approx"] is None  # no rate set yet
    ExchangeRate.objects.create(base="BHD", quote="SAR", rate="9.973404")

    saudi = api.get(url, {"display_currency": "sar"}).json()
    assert saudi["price"] == "8500.000"
    assert saudi["price_approx"] == {"currency": "SAR", "price": "84773.93"}
    assert api.get(url).json()["price_approx"] is None  # none asked
    assert api.get(url, {"display_currency": "BHD"}).json()["price_approx"] is None  # its own currency
    assert api.get(url, {"display_currency": "KWD"}).json()["price_approx"] is None  # no rate to dinars of Kuwait


def test_a_rate_serves_the_other_way_unless_staff_set_that_one_too(api):
    listing = make_listing(country="sa", region="riyadh", price="85000.50")
    url = f"/api/v1/listings/{listing.pk}"
    ExchangeRate.objects.create(base="BHD", quote="SAR", rate="10")

    assert api.get(url, {"display_currency": "BHD"}).json()["price_approx"] == {"currency": "BHD", "price": "8500.050"}
    ExchangeRate.objects.create(base="SAR", quote="BHD", rate="0.1")
    ExchangeRate.objects.filter(base="BHD").update(rate="20")
    assert api.get(url, {"display_currency": "BHD"}).json()["price_approx"]["price"] == "8500.050"


def test_a_sellers_edit_answers_the_new_prices_approximation(api):
    seller = UserFactory()
    listing = make_listing(seller=seller, price="8500.000")
    ExchangeRate.objects.create(base="BHD", quote="SAR", rate="9.973404")
    api.force_authenticate(seller)
    url = f"/api/v1/listings/{listing.pk}"

    edited = api.patch(f"{url}?display_currency=SAR", {"price": "8000.000"}, format="json")
    refused = api.patch(f"{url}?display_currency=USD", {"price": "7000.000"}, format="json")
    plain = api.patch(url, {"description": "Agency serviced."}, format="json")

    assert edited.status_code == 200
    assert (edited.json()["price"], edited.json()["price_approx"]) == ("8000.000", {"currency": "SAR", "price": "79787.23"})
    assert refused.status_code == 400 and list(refused.json()) == ["display_currency"]
    assert plain.status_code == 200 and plain.json()["price"] == "8000.000"  # the refused edit wrote nothing
    assert plain.json()["price_approx"] is None  # none asked


def test_an_unknown_display_currency_is_a_400_in_the_users_language(api):
    listing = make_listing()

    english = api.get(f"/api/v1/listings/{listing.pk}", {"display_currency": "USD"})
    arabic = api.get("/api/v1/search/listings", {"display_currency": "dollars"}, HTTP_ACCEPT_LANGUAGE="ar")

    assert english.status_code == 400
    assert english.json() == {"display_currency": ["Must be one of: BHD, SAR, AED, KWD, QAR, OMR."]}
    assert arabic.status_code == 400 and list(arabic.json()) == ["display_currency"]
    assert "Must" not in arabic.json()["display_currency"][0]


def test_search_cards_and_similar_cars_carry_the_approximate_price(api, fresh_index):
    car = CarModelFactory()
    first = make_listing(car=car, price="8500.000")
    make_listing(car=car, price="9000.500")
    index_listings()
    ExchangeRate.objects.create(base="BHD", quote="AED", rate="9.75")

    found = api.get("/api/v1/search/listings", {"make": car.make.slug, "display_currency": "AED"}).json()
    plain = api.get("/api/v1/search/listings", {"make": car.make.slug}).json()
    similar = api.get(f"/api/v1/listings/{first.pk}/similar", {"display_currency": "AED"}).json()

    assert sorted(card["price_approx"]["price"] for card in found["results"]) == ["82875.00", "87754.88"]
    assert {card["price_approx"]["currency"] for card in found["results"]} == {"AED"}
    assert [card["price_approx"] for card in plain["results"]] == [None, None]
    assert [card["price_approx"] for card in similar] == [{"currency": "AED", "price": "87754.88"}]
