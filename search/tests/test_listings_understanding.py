"""The search API understanding free text, end to end on the real engine:
understood filters count exactly what the structured search counts, numbers
are never fuzzed, corrections are said, and an empty answer says what to relax
and shows the nearest cars. (The parser's own cases: test_understanding.py.)"""

from decimal import Decimal

import pytest

from core.listings import services
from core.listings.models import Listing
from search.tests.conftest import indexed
from testing.accounts import UserFactory
from testing.catalog import catalog_model
from testing.listings import listing_data
from testing.schema import assert_matches_schema

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cars")]

# (make, model, year, price BHD, colour, governorate, seller is a dealer)
CARS = [
    ("nissan", "patrol", 2019, 11500, "white", "capital", True),
    ("nissan", "patrol", 2021, 16000, "black", "southern", False),
    ("nissan", "patrol", 2015, 9000, "black", "capital", False),
    ("nissan", "patrol", 2012, 6500, "silver", "northern", True),
    ("nissan", "sunny", 2018, 2400, "white", "muharraq", False),
    ("toyota", "camry", 2012, 3900, "white", "capital", False),
    ("toyota", "camry", 2018, 6900, "grey", "northern", True),
    ("toyota", "camry", 2021, 9100, "black", "capital", False),
    ("toyota", "camry", 2009, 2500, "red", "southern", False),
    ("toyota", "corolla", 2016, 3500, "white", "northern", False),
    ("toyota", "corolla", 2020, 5200, "blue", "capital", True),
    ("toyota", "land-cruiser", 2020, 24000, "white", "capital", True),
    ("toyota", "land-cruiser", 2016, 15500, "white", "muharraq", False),
    ("toyota", "land-cruiser-prado", 2019, 13500, "white", "southern", False),
    ("lexus", "lc", 2021, 32000, "red", "capital", True),
    ("lexus", "lx", 2018, 21000, "black", "capital", True),
]


def build() -> list[Listing]:
    dealer, private = UserFactory(account_type="dealer"), UserFactory()
    listings = []
    for make, model, year, price, colour, governorate, by_dealer in CARS:
        data = listing_data(
            catalog_model(make, model),
            year=year,
            price=f"{price}.000",
            exterior_color=colour,
            region=governorate,
            # Descriptions that mention what they are not: text must not decide the filters.
            description="Lexus kept in Sitra, not a Land Cruiser." if make == "lexus" else "Agency maintained.",
        )
        listings.append(services.listing_create(seller=dealer if by_dealer else private, data=data, publish=True))
    return listings


@pytest.fixture(scope="module")
def cars(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), indexed("test-understanding", build) as built:
        yield built


def search(api, **params):
    answer = api.get("/api/v1/search/listings", {"page_size": 100, **params})
    assert answer.status_code == 200, answer.content
    assert_matches_schema(answer, "GET", "/api/v1/search/listings")
    return answer.json()


@pytest.fixture
def pg(cars):
    """The same question asked of PostgreSQL, the source of truth."""

    def count(**filters):
        return Listing.objects.filter(status="active", pk__in=[car.pk for car in cars], **filters).count()

    return count


def test_prices_in_words_become_a_price_filter(api, pg):
    body = search(api, q="nissan patrol under 12000")

    assert body["understood"] == [
        {"field": "make", "value": "nissan", "text": "nissan"},
        {"field": "model", "value": "patrol", "text": "patrol"},
        {"field": "price_max", "value": "12000.000", "text": "under 12000"},
    ]
    assert body["q"] == ""
    assert body["count"] == pg(model__slug="patrol", price__lte=Decimal(12000)) == 3
    assert {hit["model"] for hit in body["results"]} == {"patrol"}
    assert body["facets"]["model"] and body["relax"] is None


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("كورولا بأقل من 6000", {"model__slug": "corolla", "price__lte": 6000}),
        ("2017 or newer", {"year__gte": 2017}),
        ("camry 2012", {"model__slug": "camry", "year": 2012}),
        ("سوداء", {"exterior_color": "black"}),
        ("showroom", {"seller_type": "dealer"}),
        ("sitra", {"region": "capital"}),
        ("باترول ٢٠١٥ - ٢٠٢٠", {"model__slug": "patrol", "year__gte": 2015, "year__lte": 2020}),
        ("land cruiser", {"model__slug": "land-cruiser"}),
    ],
)
def test_understood_words_count_what_the_filters_count(api, pg, query, filters):
    body = search(api, q=query)

    assert body["count"] == pg(**filters) > 0
    assert body["q"] == ""


def test_the_typo_pass_never_fuzzes_a_year(api):
    # The words as typed ("camrry") find nothing; the correction keeps 2012 as typed.
    body = search(api, q="camrry 2012")

    assert body["corrected"] == "camry 2012"
    assert {(hit["model"], hit["year"]) for hit in body["results"]} == {("camry", 2012)}


def test_searched_literally_a_misspelling_is_matched_loosely_but_never_its_number(api):
    body = search(api, q="camrry 2012", literal="1")

    assert body["typo_tolerant"] is True
    assert body["understood"] == [] and body["corrected"] is None
    assert {(hit["model"], hit["year"]) for hit in body["results"]} == {("camry", 2012)}


def test_a_year_no_car_has_is_never_read_as_another(api, pg):
    body = search(api, q="land cruiser 2030")

    assert body["count"] == 0
    assert body["relax"] == {"text": "2030", "filters": ["q"], "count": pg(model__slug="land-cruiser")}
    assert {hit["model"] for hit in body["nearest"]} == {"land-cruiser"}


def test_the_land_cruiser_leads_its_literal_search_not_the_lexus_lc(api):
    body = search(api, q="land cruiser", literal="1")

    models = [hit["model"] for hit in body["results"]]
    assert models[0] == "land-cruiser"
    # The Lexus LC matches through the alias "LC" and its description: it comes after every Land Cruiser.
    assert models.index("lc") > max(n for n, model in enumerate(models) if model.startswith("land-cruiser"))


def test_too_low_a_price_shows_the_band_just_above(api):
    body = search(api, q="patrol under 5000")

    assert body["count"] == 0 and body["results"] == []
    assert body["relax"] == {"text": "under 5000", "filters": ["price_max"], "count": 4}
    prices = [Decimal(hit["price"]) for hit in body["nearest"]]
    assert prices == sorted(prices) and prices[0] == Decimal("6500.000")
    assert {hit["model"] for hit in body["nearest"]} == {"patrol"}


def test_a_missing_year_shows_the_nearest_years(api):
    body = search(api, q="camry 2011")

    assert body["count"] == 0
    assert body["relax"]["filters"] == ["year_min", "year_max"]
    assert [hit["year"] for hit in body["nearest"]][:2] == [2012, 2009]


def test_the_least_decisive_filter_is_relaxed_first(api, pg):
    # No white patrol in the Southern governorate: dropping the place or the colour would
    # both find one; the place goes first (rules.RELAX_ORDER), the car itself never.
    body = search(api, q="white patrol riffa")

    assert body["count"] == 0
    assert body["relax"] == {
        "text": "riffa",
        "filters": ["region"],
        "count": pg(model__slug="patrol", exterior_color="white"),
    }
    assert {(hit["model"], hit["region"]) for hit in body["nearest"]} == {("patrol", "capital")}


def test_understood_filters_add_to_the_buyers_own(api, pg):
    body = search(api, q="toyota", make="nissan")

    assert body["count"] == pg(make__slug__in=["toyota", "nissan"])
    selected = {entry["value"] for entry in body["facets"]["make"] if entry["selected"]}
    assert selected == {"toyota", "nissan"}


def test_the_words_left_are_matched_as_text(api, pg):
    body = search(api, q="lexus sitra", literal="1")
    understood = search(api, q="lexus sitra")

    assert {hit["model"] for hit in body["results"]} == {"lc", "lx"}  # "Sitra" is in their description
    assert understood["count"] == pg(make__slug="lexus", region="capital")


def test_a_bad_literal_flag_is_refused(api):
    answer = api.get("/api/v1/search/listings", {"q": "camry", "literal": "maybe"})

    assert answer.status_code == 400
    assert "literal" in answer.json()


def test_suggestions_understand_the_text_too(api, pg):
    suggestions = api.get("/api/v1/search/suggest", {"q": "camry under 5000"}).json()

    assert suggestions[0]["make"] == "toyota" and suggestions[0]["model"] == "camry"
    assert suggestions[0]["params"] == {"make": ["toyota"], "model": ["camry"], "price_max": ["5000.000"]}
    assert suggestions[0]["count"] == pg(model__slug="camry", price__lte=5000)
    assert suggestions[0]["text"] == "Toyota Camry under 5000"


def test_suggestions_offer_the_models_of_an_understood_make(api):
    suggestions = api.get("/api/v1/search/suggest", {"q": "تويوتا كام"}).json()

    assert [(s["make"], s["model"]) for s in suggestions] == [("toyota", "camry")]
    assert suggestions[0]["text"] == "تويوتا كامري"
