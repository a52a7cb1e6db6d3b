"""Digits in every numeric field of the API: Arabic-Indic and Persian digits and
Arabic separators are the same numbers as ASCII ones (web/api/number_input.py).

The sweep sends every numeric query parameter of every GET operation of the
schema written both ways and expects the same answer; the bodies with numbers
(listings, aggregates, phones, messages) are checked one by one.
"""

import re

import pytest

from core.accounts.models import User
from core.listings.models import Listing
from core.messaging.models import Message
from testing.accounts import UserFactory, fresh_ip
from testing.catalog import toyota_land_cruiser
from testing.index import index_listings
from testing.listings import listing_data, make_listing

pytestmark = pytest.mark.django_db

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _value_for(name: str) -> str:
    """A sensible number for a parameter, by its name."""
    if "year" in name:
        return "2018"
    if "price" in name:
        return "9500.5"
    if "mileage" in name:
        return "120000"
    if name == "page_size":
        return "5"
    return "1"


def _arabic(number: str) -> str:
    """The number as an Arabic keyboard types it: Arabic-Indic digits, ٬ thousands and ٫ decimals."""
    whole, _, fraction = number.partition(".")
    grouped = f"{int(whole):,}".replace(",", "٬").translate(ARABIC)
    return grouped + (f"٫{fraction.translate(ARABIC)}" if fraction else "")


@pytest.fixture
def owner(api, fresh_index):
    user = UserFactory(is_analyst=True)
    api.force_authenticate(user)
    return user


def test_every_numeric_query_parameter_reads_arabic_digits_as_ascii(api, owner):
    listing = make_listing(seller=owner, car=toyota_land_cruiser(), year=2019, mileage_km=90000)
    make_listing(car=toyota_land_cruiser(), year=2021)
    index_listings()
    ids = {"listing_id": listing.pk}
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    swept = []
    for template, operations in schema["paths"].items():
        if "get" not in operations or set(re.findall(r"\{(\w+)\}", template)) - set(ids):
            continue
        path = re.sub(r"\{(\w+)\}", lambda match: str(ids[match.group(1)]), template)
        for parameter in operations["get"].get("parameters", []):
            name, kind = parameter["name"], parameter.get("schema", {}).get("type")
            numeric = kind in ("integer", "number") or re.search(r"(year|price|mileage)", name)
            if parameter["in"] != "query" or not numeric:
                continue
            ascii_value = _value_for(name)
            base = {"make": "toyota", "model": "land-cruiser", "year": "2019"} if "price-suggestion" in path else {}
            expected = api.get(path, {**base, name: ascii_value})
            for typed in (_arabic(ascii_value), ascii_value.translate(PERSIAN)):
                answer = api.get(path, {**base, name: typed})
                assert answer.status_code == expected.status_code, f"{path}?{name}={typed}: {answer.content[:200]!r}"
                if expected.status_code == 200 and "count" in expected.json():
                    assert answer.json()["count"] == expected.json()["count"], f"{path}?{name}={typed}"
            swept.append(f"{path}?{name}")
    assert {"/api/v1/search/listings?year_min", "/api/v1/search/listings?price_max", "/api/v1/search/listings?page"} <= set(swept)
    assert len(swept) > 20, swept


def test_search_filters_typed_in_arabic_find_the_same_cars(api, owner):
    make_listing(car=toyota_land_cruiser(), year=2016, price="8000.000", mileage_km=150000)
    wanted = make_listing(car=toyota_land_cruiser(), year=2020, price="9500.000", mileage_km=40000)
    index_listings()

    answer = api.get(
        "/api/v1/search/listings",
        {"year_min": "٢٠١٨", "price_max": "٩٬٥٠٠٫٠٠٠", "mileage_max": "۵۰۰۰۰", "page_size": "١٠"},
    )

    assert answer.status_code == 200, answer.content
    assert [result["id"] for result in answer.json()["results"]] == [wanted.pk]
    assert answer.json()["page_size"] == 10


def test_aggregate_filters_in_a_body_read_arabic_digits(api, owner):
    make_listing(car=toyota_land_cruiser(), year=2016)
    make_listing(car=toyota_land_cruiser(), year=2020)
    index_listings()

    def aggregate(year_min: str) -> dict:
        body = {"filters": {"year_min": year_min}, "group_by": ["year"], "metrics": ["count"]}
        answer = api.post("/api/v1/analytics/aggregate", body, format="json")
        assert answer.status_code == 200, answer.content
        return answer.json()

    assert aggregate("٢٠١٨") == aggregate("2018")
    assert len(aggregate("٢٠١٨")["rows"]) == 1


def test_a_listing_written_in_arabic_digits_is_stored_in_numbers(api, owner):
    car = toyota_land_cruiser()
    body = listing_data(car, year="٢٠١٩", price="٢٣٬٥٠٠٫٥", mileage_km="٦٠٬٠٠٠", description="٥٠٠٠ كم فقط")

    created = api.post("/api/v1/listings", body, format="json")

    assert created.status_code == 201, created.content
    listing = Listing.objects.get(pk=created.json()["id"])
    assert (listing.year, str(listing.price), listing.mileage_km) == (2019, "23500.500", 60000)
    # Free text is stored as written, digits and all.
    assert listing.description == "٥٠٠٠ كم فقط"

    edited = api.patch(f"/api/v1/listings/{listing.pk}", {"price": "۲۲۰۰۰", "mileage_km": "۶۱۰۰۰"}, format="json")

    assert edited.status_code == 200, edited.content
    assert (edited.json()["price"], edited.json()["mileage_km"]) == ("22000.000", 61000)


def test_a_listing_with_an_unreadable_number_is_still_a_400_naming_it(api, owner):
    answer = api.post("/api/v1/listings", listing_data(toyota_land_cruiser(), year="٢٠١٩ تقريبا"), format="json")

    assert answer.status_code == 400
    assert "year" in answer.json()


@pytest.mark.parametrize("typed", ["3600 1122", "36001122", "+973 3600 1122", "٣٦٠٠ ١١٢٢", "+٩٧٣٣٦٠٠١١٢٢", "۳۶۰۰۱۱۲۲"])
def test_a_phone_in_local_form_or_arabic_digits_is_saved_in_one_form(api, typed):
    user = UserFactory()
    api.force_authenticate(user)

    answer = api.patch("/api/v1/me", {"phone": typed}, format="json")

    assert answer.status_code == 200, answer.content
    assert answer.json()["phone"] == "+97336001122"


def test_registering_with_a_local_phone_number(api):
    answer = api.post(
        "/api/v1/auth/register",
        {"email": "local@example.bh", "password": "a-long-passphrase-2026", "display_name": "Ali", "phone": "٣٣١٢ ٣٤٥٦"},
        format="json",
        REMOTE_ADDR=fresh_ip(),  # registrations are counted per address, in the shared Redis
    )

    assert answer.status_code == 202, answer.content
    assert User.objects.get(email="local@example.bh").phone == "+97333123456"


def test_a_phone_that_is_not_bahraini_is_refused_with_the_reason(api):
    api.force_authenticate(UserFactory())

    answer = api.patch("/api/v1/me", {"phone": "٣٦٠٠ ١١٢"}, format="json")

    assert answer.status_code == 400
    assert answer.json()["phone"] == [
        "Enter a Bahrain number: +973 followed by 8 digits (+973 3600 1122), or another Gulf number with its country code."
    ]


def test_a_message_that_is_only_a_number_is_stored_as_written(api, owner):
    listing = make_listing(car=toyota_land_cruiser())

    answer = api.post("/api/v1/conversations", {"listing_id": str(listing.pk).translate(ARABIC), "body": "٥٠٠٠"}, format="json")

    assert answer.status_code == 201, answer.content
    assert Message.objects.get(conversation_id=answer.json()["id"]).body == "٥٠٠٠"
