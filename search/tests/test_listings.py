"""Buyers' search over a known market: text in both languages, synonyms,
typos, every sort, paging boundaries, suggestions, similar cars, failures."""

import pytest
from django.test import override_settings

from core.listings.models import Listing
from search.engine import get_engine

pytestmark = pytest.mark.django_db


def search(api, **params):
    answer = api.get("/api/v1/search/listings", params)
    assert answer.status_code == 200, answer.content
    return answer.json()


def active(**filters):
    return Listing.objects.filter(status="active", **filters)


def all_ids(api, **params):
    ids, page = [], 1
    while True:
        body = search(api, page=page, page_size=100, **params)
        ids += [hit["id"] for hit in body["results"]]
        if len(body["results"]) < 100:
            return ids
        page += 1


@pytest.mark.parametrize(
    ("query", "model_slugs"),
    [
        # A whole model name is understood as that model (search/understanding)…
        ("land cruiser", {"land-cruiser"}),
        ("لاند كروزر", {"land-cruiser"}),
        ("landcruiser", {"land-cruiser"}),  # an alias
        ("كامري", {"camry"}),
        ("كامرى", {"camry"}),  # a common spelling, folded by Arabic normalization/synonyms
        ("camrry", {"camry"}),  # a typo
        ("patrol", {"patrol"}),
        ("باترول", {"patrol"}),
        ("prado", {"land-cruiser-prado"}),
        ("برادو", {"land-cruiser-prado"}),
        ("Sunny", {"sunny"}),
        ("صني", {"sunny"}),
    ],
)
def test_text_finds_models_in_english_and_arabic(market, api, query, model_slugs):
    body = search(api, q=query, page_size=100)

    found = {hit["model"] for hit in body["results"]}
    assert found == model_slugs
    assert body["count"] == active(model__slug__in=model_slugs).count()


@pytest.mark.parametrize("query", ["land cruiser", "لاند كروزر", "landcruiser"])
def test_words_searched_literally_match_names_and_their_synonyms(market, api, query):
    # …while the words as typed also match the longer name ("Land Cruiser Prado").
    body = search(api, q=query, literal="1", page_size=100)

    assert {hit["model"] for hit in body["results"]} == {"land-cruiser", "land-cruiser-prado"}
    assert body["understood"] == []
    assert body["q"] == query


@pytest.mark.parametrize("query", ["toyota", "تويوتا", "تويوته", "TOYOTA", "toyta"])
def test_make_names_aliases_and_typos_find_the_make(market, api, query):
    body = search(api, q=query)

    assert body["count"] == active(make__slug="toyota").count()


def test_arabic_indic_digits_find_the_year(market, api):
    year = active(model__slug="patrol").values_list("year", flat=True).first()
    arabic_year = str(year).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))

    body = search(api, q=f"باترول {arabic_year}", page_size=100)

    assert body["count"] == active(model__slug="patrol", year=year).count()
    assert {hit["year"] for hit in body["results"]} == {year}


def test_text_and_filters_combine(market, api):
    body = search(api, q="toyota", regional_spec="gcc", page_size=100)

    assert body["count"] == active(make__slug="toyota", regional_spec="gcc").count()


def test_nothing_from_the_query_string_is_query_syntax(market, api):
    for hostile in ["make:toyota OR *", '"unclosed', "(((", "\\", "*:*", "price_minor:>0", "<script>"]:
        body = search(api, q=hostile)
        assert body["count"] == 0


SORT_KEYS = {
    "price_asc": lambda listing: (listing.price, -listing.pk),
    "price_desc": lambda listing: (-listing.price, -listing.pk),
    "mileage_asc": lambda listing: (listing.mileage_km, -listing.pk),
    "year_desc": lambda listing: (-listing.year, -listing.published_at.timestamp(), -listing.pk),
    "newest": lambda listing: (-listing.published_at.timestamp(), -listing.pk),
}


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_every_sort_orders_like_postgresql_with_a_stable_tie_break(market, api, sort):
    expected = [listing.pk for listing in sorted(active(make__slug="nissan"), key=SORT_KEYS[sort])]

    assert all_ids(api, make="nissan", sort=sort) == expected


def test_relevance_is_the_default_with_text_and_ranks_exact_names_first(market, api):
    body = search(api, q="land cruiser prado", page_size=5)

    assert {hit["model"] for hit in body["results"]} == {"land-cruiser-prado"}


def test_pages_cover_every_result_once(market, api):
    ids = all_ids(api, make="toyota", sort="price_asc")

    assert len(ids) == len(set(ids)) == active(make__slug="toyota").count()


def test_a_page_past_the_end_is_empty_not_an_error(market, api):
    body = search(api, make="lexus", page=50, page_size=100)

    assert body["results"] == [] and body["count"] == active(make__slug="lexus").count()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "x"}, "page"),
        ({"page": "101", "page_size": "100"}, "page"),  # past the 10,000-result window
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"sort": "cheapest"}, "sort"),
        ({"year_min": "1900"}, "year_min"),
        ({"year_max": "abc"}, "year_max"),
        ({"year_min": "2020", "year_max": "2010"}, "year_min"),
        ({"price_min": "-1"}, "price_min"),
        ({"price_max": "1.2345"}, "price_max"),
        ({"price_max": "1e9"}, "price_max"),
        ({"mileage_max": "3000000"}, "mileage_max"),
        ({"fuel": "steam"}, "fuel"),
        ({"make": "TOY OTA!"}, "make"),
        ({"region": "riyadh"}, "region"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(market, api, params, field):
    answer = api.get("/api/v1/search/listings", params)

    assert answer.status_code == 400
    assert field in answer.json()


def test_unknown_parameters_are_ignored(market, api):
    assert search(api, colour_of_my_dreams="blue")["count"] == active().count()


def test_the_page_just_inside_the_window_is_allowed(market, api):
    assert search(api, page=100, page_size=100)["results"] == []


def test_only_active_listings_are_returned(market, api):
    ids = set(all_ids(api))

    assert ids == set(active().values_list("pk", flat=True))
    assert not ids & set(Listing.objects.exclude(status="active").values_list("pk", flat=True))


def test_facets_carry_labels_in_both_languages(market, api):
    facets = search(api, make="nissan")["facets"]

    nissan = next(entry for entry in facets["make"] if entry["value"] == "nissan")
    assert (nissan["label_en"], nissan["label_ar"], nissan["selected"]) == ("Nissan", "نيسان", True)
    patrol = next(entry for entry in facets["model"] if entry["value"] == "patrol")
    assert (patrol["make"], patrol["label_ar"]) == ("nissan", "باترول")
    assert {entry["make"] for entry in facets["model"]} == {"nissan"}  # models follow the selected makes
    gcc = next(entry for entry in facets["regional_spec"] if entry["value"] == "gcc")
    assert gcc["label_ar"] == "خليجي"


def test_a_selected_value_with_no_cars_is_listed_at_zero(market, api):
    facets = search(api, make="kia")["facets"]

    kia = next(entry for entry in facets["make"] if entry["value"] == "kia")
    assert (kia["count"], kia["selected"]) == (0, True)


def test_prices_travel_as_strings_with_three_decimals(market, api):
    body = search(api, sort="price_asc", page_size=1)

    cheapest = active().order_by("price", "-pk").first()
    assert body["results"][0]["price"] == f"{cheapest.price:.3f}"
    assert body["facets"]["price"]["min"] == f"{cheapest.price:.3f}"


# --- suggestions and similar listings ---------------------------------------------------


def suggest(api, q):
    answer = api.get("/api/v1/search/suggest", {"q": q})
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_suggestions_complete_a_model_with_its_count(market, api):
    items = suggest(api, "land cr")

    land_cruiser = next(item for item in items if item["model"] == "land-cruiser")
    assert land_cruiser["text"] == "Toyota Land Cruiser"
    assert land_cruiser["count"] == active(model__slug="land-cruiser").count()


def test_suggestions_in_arabic_answer_in_arabic(market, api):
    items = suggest(api, "باتر")

    assert items[0]["text"] == "نيسان باترول" and items[0]["model"] == "patrol"


def test_suggestions_tolerate_a_typo(market, api):
    assert any(item["model"] == "patrol" for item in suggest(api, "patrl"))


def test_a_make_is_suggested_while_its_name_is_typed(market, api):
    items = suggest(api, "toyo")

    assert items[0]["make"] == "toyota" and items[0]["model"] is None
    assert items[0]["count"] == active(make__slug="toyota").count()


def test_empty_suggestion_query_answers_nothing(market, api):
    assert suggest(api, "  ") == []


def test_similar_listings_are_active_alike_and_exclude_the_car_itself(market, api):
    listing = active(model__slug="patrol").first()

    answer = api.get(f"/api/v1/listings/{listing.pk}/similar")

    assert answer.status_code == 200
    similar = answer.json()
    assert 0 < len(similar) <= 12
    assert listing.pk not in {hit["id"] for hit in similar}
    assert similar[0]["model"] == "patrol"
    assert set(Listing.objects.filter(pk__in=[hit["id"] for hit in similar]).values_list("status", flat=True)) == {"active"}


# --- the engine is down ------------------------------------------------------------------


@pytest.fixture
def engine_down():
    get_engine.cache_clear()
    with override_settings(SEARCH_URL="http://127.0.0.1:1"):
        yield
    get_engine.cache_clear()


def test_engine_down_is_a_503_with_a_clear_message(engine_down, api):
    answer = api.get("/api/v1/search/listings", {"q": "toyota"})

    assert answer.status_code == 503
    assert "temporarily unavailable" in answer.json()["detail"]
    assert answer["Retry-After"]
    assert api.get("/api/v1/search/suggest", {"q": "toy"}).status_code == 503


def test_typo_tolerance_is_used_only_when_the_exact_words_find_nothing(market, api):
    typo = search(api, q="camrry")
    loose = search(api, q="camrry", literal="1")
    exact = search(api, q="patrol")

    # A misspelt name is corrected, and the answer says to what ("Showing results for camry")…
    assert typo["corrected"] == "camry" and typo["count"] == active(model__slug="camry").count()
    # …and the words searched literally are matched with typo tolerance.
    assert loose["typo_tolerant"] is True and loose["count"] == active(model__slug="camry").count()
    # "patrol" is one letter from "petrol": exact matches win, so no petrol cars sneak in.
    assert exact["typo_tolerant"] is False and exact["count"] == active(model__slug="patrol").count()
