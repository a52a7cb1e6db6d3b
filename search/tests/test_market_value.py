"""A listing's market value on synthetic markets whose answer is known."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from core.listings.models import Listing
from search.comparables import mileage_band
from search.listings import listings_similar
from search.market_value import (
    Car,
    find_comparables,
    market_value,
    parse_car_params,
    price_rating,
    price_suggestion,
)
from search.money import to_minor
from search.params import InvalidParams
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory
from testing.index import index_listings
from testing.market import expire_at, listing_at, sell_at

NOW = datetime(2025, 6, 15, 9, 0, tzinfo=UTC)


def car_of(listing: Listing) -> Car:
    return Car(make=listing.make.slug, model=listing.model.slug, year=listing.year, mileage_km=listing.mileage_km)


def value_of(listing: Listing) -> dict:
    return market_value(listing_id=listing.pk, car=car_of(listing), price_minor=to_minor(listing.price, decimals=3), now=NOW)


def comparables(model, count: int, *, price: str = "10000.000", year: int = 2020, mileage_km: int = 60000) -> list[Listing]:
    seller = UserFactory()
    return [
        listing_at(NOW - timedelta(days=10 + i), seller=seller, car=model, year=year, price=price, mileage_km=mileage_km)
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("price_minor", "rating"),
    [
        (8_000_000, "great"),
        (8_500_000, "great"),  # exactly 15 % under
        (8_500_001, "good"),
        (9_500_000, "good"),  # exactly 5 % under
        (9_500_001, "fair"),
        (10_000_000, "fair"),
        (10_500_000, "fair"),  # exactly 5 % over
        (10_500_001, "high"),
        (11_500_000, "high"),  # exactly 15 % over
        (11_500_001, "overpriced"),
        (12_000_000, "overpriced"),
    ],
)
def test_price_rating_bands(price_minor, rating):
    assert price_rating(price_minor=price_minor, median_fils=10_000_000)[0] == rating


def test_price_rating_says_by_how_much():
    assert price_rating(price_minor=8_000_000, median_fils=10_000_000) == ("great", -20.0)
    assert price_rating(price_minor=12_345_000, median_fils=10_000_000) == ("overpriced", 23.5)


def test_mileage_band_is_a_quarter_either_side_but_at_least_20000_km():
    assert mileage_band(60_000) == (40_000, 80_000)
    assert mileage_band(200_000) == (150_000, 250_000)
    assert mileage_band(5_000) == (0, 25_000)


@pytest.mark.django_db
@pytest.mark.parametrize(("price", "rating", "difference"), [("8000.000", "great", -20.0), ("12000.000", "overpriced", 20.0)])
def test_a_price_against_ten_equal_comparables(fresh_index, price, rating, difference):
    # given ten comparables at 10,000 and one listing at `price`
    model = CarModelFactory()
    market = comparables(model, 10)
    listing = listing_at(NOW - timedelta(days=1), car=model, year=2020, price=price, mileage_km=60000)
    index_listings()

    # when its market value is asked for
    value = value_of(listing)

    # then it is rated by how far it sits from the median, with the comparables it used (not itself)
    assert value["rating"] == rating
    assert value["reason"] is None
    assert value["difference_percent"] == difference
    assert value["estimate"] == {"low": "10000.000", "median": "10000.000", "high": "10000.000"}
    assert value["comparables_count"] == 10
    assert sorted(item["id"] for item in value["comparables"]) == sorted(item.pk for item in market)
    assert value["comparables"][0] == {
        "id": value["comparables"][0]["id"],
        "price": "10000.000",
        "year": 2020,
        "mileage_km": 60000,
        "status": "active",
    }


@pytest.mark.django_db
def test_fewer_than_five_comparables_give_no_rating(fresh_index):
    # given four comparables (the listing itself does not count as its own)
    model = CarModelFactory()
    comparables(model, 4)
    listing = listing_at(NOW - timedelta(days=1), car=model, year=2020, price="8000.000", mileage_km=60000)
    index_listings()

    value = value_of(listing)

    assert value["rating"] is None
    assert value["reason"] == "not_enough_comparables"
    assert value["estimate"] is None
    assert value["comparables_count"] == 4
    assert len(value["comparables"]) == 4


@pytest.mark.django_db
def test_only_comparable_cars_count(fresh_index):
    # given five comparables (one sold lately) and cars that differ in one way each
    model, other_model = CarModelFactory(), CarModelFactory()
    seller = UserFactory()

    def listed(days_ago: int = 30, **fields):
        defaults = {"seller": seller, "car": model, "year": 2020, "price": "10000.000", "mileage_km": 60000}
        return listing_at(NOW - timedelta(days=days_ago), **{**defaults, **fields})

    near = [listed(), listed(year=2018), listed(year=2022), listed(mileage_km=41000), sell_at(listed(), NOW - timedelta(days=20))]
    listed(car=other_model)  # another model
    listed(year=2017)  # three years older
    listed(mileage_km=120000)  # far more driven
    sell_at(listed(days_ago=300), NOW - timedelta(days=200))  # sold too long ago
    expire_at(listed(), NOW - timedelta(days=2))  # no longer on sale
    listed(publish=False)  # a draft is not in the market
    index_listings()

    # when a seller asks what a 2020 car with 60,000 km is worth
    found = find_comparables(Car(make=model.make.slug, model=model.slug, year=2020, mileage_km=60000), now=NOW)

    # then the five comparables are the ones found, the closest first
    assert found.count == 5
    assert sorted(item["id"] for item in found.listings) == sorted(listing.pk for listing in near)
    assert {item["status"] for item in found.listings} == {"active", "sold"}
    assert found.listings[0]["year"] == 2020 and found.listings[0]["mileage_km"] == 60000


@pytest.mark.django_db
def test_the_rating_the_band_and_similar_cars_share_one_definition_of_comparable(fresh_index):
    # given five comparables (2019 to 2021, 60,000 km) and a car alike but four years older
    model, seller = CarModelFactory(), UserFactory()
    near = [
        listing_at(NOW - timedelta(days=5 + i), seller=seller, car=model, year=2019 + i % 3, price=f"{9000 + 500 * i}.000")
        for i in range(5)
    ]
    older = listing_at(NOW - timedelta(days=3), seller=seller, car=model, year=2016, price="9500.000")
    listing = listing_at(NOW - timedelta(days=1), car=model, year=2020, price="10000.000", mileage_km=60000)
    index_listings()

    # when the listing's page asks for its market value (rating and band) and similar cars
    value = value_of(listing)
    similar = listings_similar(
        listing_id=listing.pk,
        make=model.make.slug,
        model=model.slug,
        body_type=listing.body_type,
        year=2020,
        price_minor=to_minor(listing.price, decimals=3),
        country="bh",
        mileage_km=60000,
    )

    # then all three speak of the same five cars
    assert value["comparables_count"] == 5 and value["rating"] == "fair"
    assert Decimal("9000") <= Decimal(value["band"]["p10"]) <= Decimal(value["band"]["p90"]) <= Decimal("11000")
    assert {card["id"] for card in similar[:5]} == {car.pk for car in near}
    assert [card["id"] for card in similar[5:]] == [older.pk]


@pytest.mark.django_db
def test_price_suggestion_is_the_middle_half_of_comparable_prices(fresh_index):
    # given twenty comparables at four price levels, five each
    model = CarModelFactory()
    for price in ("8000.000", "9000.000", "10000.000", "11000.000"):
        comparables(model, 5, price=price)
    index_listings()

    suggestion = price_suggestion(Car(make=model.make.slug, model=model.slug, year=2021, mileage_km=50000), now=NOW)

    assert suggestion["reason"] is None
    assert suggestion["comparables_count"] == 20
    assert len(suggestion["comparables"]) == 10
    assert suggestion["suggested_price"] == {"low": "8500.000", "median": "9500.000", "high": "10500.000"}


def test_parse_car_params_names_each_bad_parameter():
    known = {("toyota", "land-cruiser"), ("nissan", "patrol")}

    with pytest.raises(InvalidParams) as caught:
        parse_car_params({"make": ["toyota"], "model": ["patrol"], "year": ["1900"], "mileage_km": ["-5"]}, known_models=known)
    assert set(caught.value.errors) == {"model", "year", "mileage_km"}

    with pytest.raises(InvalidParams) as caught:
        parse_car_params({"make": ["tesla"], "model": ["x"]}, known_models=known)
    assert set(caught.value.errors) == {"make", "year"}

    car = parse_car_params({"make": ["Toyota"], "model": ["land-cruiser"], "year": ["2019"]}, known_models=known)
    assert car == Car(make="toyota", model="land-cruiser", year=2019, mileage_km=None)
