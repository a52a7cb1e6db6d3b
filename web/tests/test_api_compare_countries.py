"""Analysts compare countries side by side (GET /api/v1/analytics/countries): the
same figures for each country, each in its own currency, from real listings in
the index of three countries."""

import csv
import io

import pytest
from django.utils import timezone

from testing.accounts import UserFactory
from testing.catalog import CarModelFactory
from testing.index import index_listings
from testing.listings import make_listing

pytestmark = pytest.mark.django_db

COUNTRIES = "/api/v1/analytics/countries"


@pytest.fixture
def three_markets():
    """Bahrain: three cars of one make; Saudi Arabia: two makes; Qatar: one car. The UAE: none."""
    toyota, nissan = CarModelFactory(), CarModelFactory()
    seller = UserFactory()
    for price, mileage, year in (("5000.000", 10000, 2018), ("6000.500", 20000, 2020), ("9000.000", 30000, 2022)):
        make_listing(seller=seller, car=toyota, country="bh", region="capital", price=price, mileage_km=mileage, year=year)
    for car, price, mileage in ((toyota, "40000.00", 50000), (nissan, "60000.50", 70000), (nissan, "80000.00", 90000)):
        make_listing(seller=seller, car=car, country="sa", region="riyadh", price=price, mileage_km=mileage, year=2019)
    make_listing(seller=seller, car=nissan, country="qa", region="doha", price="70000.25", mileage_km=1000, year=2024)
    make_listing(seller=seller, car=toyota, country="bh", region="capital", publish=False)  # a draft counts nowhere
    index_listings()
    return toyota, nissan


def test_each_country_has_its_own_figures_in_its_own_currency(api, fresh_index, three_markets):
    toyota, nissan = three_markets
    api.force_authenticate(UserFactory(is_analyst=True))

    answer = api.get(COUNTRIES, {"countries": "sa,bh,ae"})

    assert answer.status_code == 200, answer.content
    saudi, bahrain, emirates = answer.json()["countries"]
    assert [saudi["country"], bahrain["country"], emirates["country"]] == ["sa", "bh", "ae"]
    assert (bahrain["currency"], bahrain["count"]) == ("BHD", 3)
    assert bahrain["price"]["median"] == "6000.500"
    assert bahrain["mileage_km"]["median"] == 20000
    assert bahrain["median_year"] == 2020
    assert bahrain["median_age_years"] == timezone.now().year - 2020
    assert bahrain["top_makes"] == [{"make": toyota.make.slug, "count": 3, "share_percent": 100.0}]
    assert (saudi["currency"], saudi["count"], saudi["price"]["median"]) == ("SAR", 3, "60000.50")
    assert saudi["mileage_km"]["median"] == 70000
    assert saudi["top_makes"] == [
        {"make": nissan.make.slug, "count": 2, "share_percent": 66.7},
        {"make": toyota.make.slug, "count": 1, "share_percent": 33.3},
    ]
    # A country without listings answers with zeros and nulls, not an error.
    assert (emirates["currency"], emirates["count"], emirates["price"]["median"], emirates["top_makes"]) == ("AED", 0, None, [])


def test_shared_filters_apply_to_every_country_and_all_countries_is_the_default(api, fresh_index, three_markets):
    toyota, _ = three_markets
    api.force_authenticate(UserFactory(is_analyst=True))

    every = api.get(COUNTRIES).json()["countries"]
    toyotas = {row["country"]: row for row in api.get(COUNTRIES, {"make": toyota.make.slug}).json()["countries"]}

    assert [row["country"] for row in every] == ["bh", "sa", "ae", "kw", "qa", "om"]
    assert {row["country"]: row["count"] for row in every} == {"bh": 3, "sa": 3, "ae": 0, "kw": 0, "qa": 1, "om": 0}
    assert (toyotas["bh"]["count"], toyotas["sa"]["count"], toyotas["qa"]["count"]) == (3, 1, 0)
    assert toyotas["sa"]["price"]["median"] == "40000.00"


def test_the_comparison_as_csv_puts_each_price_beside_its_currency(api, fresh_index, three_markets):
    api.force_authenticate(UserFactory(is_analyst=True))

    answer = api.get(COUNTRIES, {"countries": "bh,qa"}, HTTP_ACCEPT="text/csv")

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    assert answer["Content-Disposition"].startswith('attachment; filename="sayara-countries-')
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert [(row["country"], row["currency"], row["count"], row["price_median"]) for row in rows] == [
        ("bh", "BHD", "3", "6000.500"),
        ("qa", "QAR", "1", "70000.25"),
    ]
    assert rows[1]["top_makes"].endswith("(1)")


def test_bad_countries_and_per_country_filters_are_400_in_the_users_language(api, fresh_index):
    api.force_authenticate(UserFactory(is_analyst=True))

    unknown = api.get(COUNTRIES, {"countries": "bh,us"})
    priced = api.get(COUNTRIES, {"countries": "bh,sa", "price_max": "9000", "region": "capital"})
    arabic = api.get(COUNTRIES, {"countries": "zz"}, HTTP_ACCEPT_LANGUAGE="ar")
    as_csv = api.get(COUNTRIES, {"countries": "zz", "format": "csv"})

    assert unknown.status_code == 400
    assert "'us'" in unknown.json()["countries"][0]
    assert priced.status_code == 400 and set(priced.json()) == {"price_max", "region"}
    assert arabic.status_code == 400
    assert any("\u0600" <= char <= "\u06ff" for char in arabic.json()["countries"][0])
    assert as_csv.status_code == 400 and as_csv["Content-Type"].startswith("application/json")


def test_comparing_countries_is_for_analysts(api, fresh_index):
    anonymous = api.get(COUNTRIES)
    api.force_authenticate(UserFactory())
    buyer = api.get(COUNTRIES)

    assert anonymous.status_code == 401
    assert buyer.status_code == 403
