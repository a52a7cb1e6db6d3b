"""Countries over HTTP: a listing's country sets its currency and the decimals its
price takes; search, facets, suggestions and the market count one country at a time."""

import pytest

from testing.accounts import UserFactory
from testing.catalog import CarModelFactory, toyota_land_cruiser
from testing.index import index_listings
from testing.listings import listing_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_emirati_listing_is_priced_in_dirhams_with_two_decimals(api, seller):
    car = CarModelFactory()

    created = api.post("/api/v1/listings", listing_data(car, country="ae", region="dubai", price="85000.50"), format="json")

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["country"], body["currency"], body["price"], body["region"]) == ("ae", "AED", "85000.50", "dubai")
    assert api.get(f"/api/v1/listings/{body['id']}").json()["price"] == "85000.50"


@pytest.mark.parametrize(
    ("country", "region", "price", "ok"),
    [("ae", "dubai", "85000.505", False), ("sa", "riyadh", "85000.25", True), ("kw", "hawalli", "4500.125", True)],
)
def test_a_price_takes_its_currencys_decimals(api, seller, country, region, price, ok):
    response = api.post(
        "/api/v1/listings", listing_data(CarModelFactory(), country=country, region=region, price=price), format="json"
    )

    assert response.status_code == (201 if ok else 400)
    if not ok:
        assert list(response.json()) == ["price"]
        assert "AED" in response.json()["price"][0] and "2 decimals" in response.json()["price"][0]


def test_the_refusal_is_in_the_sellers_language(api, seller):
    response = api.post(
        "/api/v1/listings",
        listing_data(CarModelFactory(), country="ae", region="dubai", price="1.001"),
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )

    assert response.status_code == 400
    assert "AED" in response.json()["price"][0] and "decimals" not in response.json()["price"][0]


def test_a_region_must_be_its_countrys_and_governorate_still_names_it(api, seller):
    wrong = api.post(
        "/api/v1/listings", listing_data(CarModelFactory(), country="sa", region="capital", price="85000.00"), format="json"
    )
    aliased = api.post(
        "/api/v1/listings", {**listing_data(CarModelFactory()), "region": None, "governorate": "muharraq"}, format="json"
    )
    bad_country = api.post("/api/v1/listings", listing_data(CarModelFactory(), country="us"), format="json")

    assert wrong.status_code == 400 and list(wrong.json()) == ["region"]
    assert "riyadh" in wrong.json()["region"][0]
    assert bad_country.status_code == 400 and list(bad_country.json()) == ["country"]
    assert aliased.status_code == 400  # an explicit null region wins over the alias


def test_governorate_alone_is_the_region(api, seller):
    data = listing_data(CarModelFactory())
    data["governorate"] = data.pop("region")

    response = api.post("/api/v1/listings", data, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["region"] == response.json()["governorate"] == "capital"
    assert response.json()["country"] == "bh"


def test_search_facets_suggest_and_market_never_mix_countries(api, fresh_index):
    car = CarModelFactory()
    seller = UserFactory()
    api.force_authenticate(seller)
    for country, region, price in [("bh", "capital", "9000.500"), ("bh", "southern", "7000.000"), ("qa", "doha", "90000.25")]:
        answer = api.post(
            "/api/v1/listings",
            {**listing_data(car, country=country, region=region, price=price), "duplicate_confirmed": True},
            format="json",
        )
        assert answer.status_code == 201, answer.json()
    index_listings()
    params = {"make": car.make.slug, "model": car.slug}

    bahrain = api.get("/api/v1/search/listings", params).json()
    qatar = api.get("/api/v1/search/listings", {**params, "country": "qa"}).json()
    cheap_qatar = api.get("/api/v1/search/listings", {**params, "country": "qa", "price_max": "90000.24"}).json()
    fils_in_qatar = api.get("/api/v1/search/listings", {**params, "country": "qa", "price_max": "90000.245"})
    bahrain_region_in_qatar = api.get("/api/v1/search/listings", {**params, "country": "qa", "region": "capital"})

    assert bahrain["count"] == 2
    assert sorted(card["price"] for card in bahrain["results"]) == ["7000.000", "9000.500"]
    assert {item["value"]: item["count"] for item in bahrain["facets"]["region"]} == {"capital": 1, "southern": 1}
    assert bahrain["facets"]["price"]["max"] == "9000.500"
    assert qatar["count"] == 1
    assert [(card["price"], card["currency"], card["region"]) for card in qatar["results"]] == [("90000.25", "QAR", "doha")]
    assert {item["value"]: item["count"] for item in qatar["facets"]["region"]} == {"doha": 1}
    assert qatar["facets"]["price"]["min"] == "90000.25"
    assert cheap_qatar["count"] == 0
    assert fils_in_qatar.status_code == 400 and "price_max" in fils_in_qatar.json()
    assert bahrain_region_in_qatar.status_code == 400 and "region" in bahrain_region_in_qatar.json()

    suggest_bh = api.get("/api/v1/search/suggest", {"q": car.make.name_en[:4]}).json()
    suggest_qa = api.get("/api/v1/search/suggest", {"q": car.make.name_en[:4], "country": "qa"}).json()
    assert next(s["count"] for s in suggest_bh if s["make"] == car.make.slug) == 2
    assert next(s["count"] for s in suggest_qa if s["make"] == car.make.slug) == 1
    assert api.get("/api/v1/search/suggest", {"q": "x", "country": "zz"}).status_code == 400

    market_bh = api.get("/api/v1/analytics/market", params).json()
    market_qa = api.get("/api/v1/analytics/market", {**params, "country": "qa"}).json()
    assert market_bh["count"] == 2 and market_qa["count"] == 1
    assert market_qa["price"]["median"] == "90000.25"


def test_free_text_reads_the_places_and_prices_of_the_country_searched(api, fresh_index):
    car = toyota_land_cruiser()
    api.force_authenticate(UserFactory())
    ids = {}
    for country, region, price in [
        ("sa", "riyadh", "40000.00"),
        ("sa", "riyadh", "80000.00"),
        ("sa", "eastern", "45000.00"),
        ("bh", "capital", "4000.000"),
    ]:
        answer = api.post(
            "/api/v1/listings",
            {
                **listing_data(car, country=country, region=region, price=price),
                "duplicate_confirmed": True,
                "price_confirmed": True,
            },
            format="json",
        )
        assert answer.status_code == 201, answer.json()
        ids[(country, region, price)] = answer.json()["id"]
    index_listings()

    saudi = api.get("/api/v1/search/listings", {"q": "land cruiser riyadh under 50000 riyal", "country": "sa"}).json()
    bahrain = api.get("/api/v1/search/listings", {"q": "land cruiser riyadh"}).json()

    assert [card["id"] for card in saudi["results"]] == [ids[("sa", "riyadh", "40000.00")]]
    assert {item["field"]: item["value"] for item in saudi["understood"]}["price_max"] == "50000.00"
    assert saudi["elsewhere"] == []
    # Searching Bahrain, Riyadh filters nothing away and matches no words: Bahrain's car, and a word of where Riyadh is.
    assert [card["id"] for card in bahrain["results"]] == [ids[("bh", "capital", "4000.000")]]
    assert bahrain["elsewhere"] == [{"text": "riyadh", "region": "riyadh", "country": "sa"}]
    assert "region" not in {item["field"] for item in bahrain["understood"]}


def test_enums_list_each_country_with_its_currency_and_regions(api):
    enums = api.get("/api/v1/catalog/enums").json()

    countries = {country["value"]: country for country in enums["country"]}
    assert list(countries) == ["bh", "sa", "ae", "kw", "qa", "om"]
    assert {code: (c["currency"], c["decimals"], c["price_scale"]) for code, c in countries.items()} == {
        "bh": ("BHD", 3, 1), "sa": ("SAR", 2, 10), "ae": ("AED", 2, 10),
        "kw": ("KWD", 3, 1), "qa": ("QAR", 2, 10), "om": ("OMR", 3, 1),
    }  # fmt: skip
    assert [region["value"] for region in countries["bh"]["regions"]] == ["capital", "muharraq", "northern", "southern"]
    assert {"value": "dubai", "label_en": "Dubai", "label_ar": "دبي"} in countries["ae"]["regions"]
    assert len(countries["sa"]["regions"]) == 13 and len(countries["om"]["regions"]) == 11
    assert all(c["label_ar"] and all(r["label_ar"] for r in c["regions"]) for c in countries.values())
    # What the forms' phone hints say, per country.
    assert countries["sa"]["phone"] == {"dial_code": "+966", "digits": 9, "example": "+966 50 123 4567"}
    assert countries["bh"]["phone"] == {"dial_code": "+973", "digits": 8, "example": "+973 3600 1122"}


def test_a_car_not_sold_in_a_country_is_neither_offered_nor_listed_there(api):
    sold = CarModelFactory()
    unsold = CarModelFactory(make=sold.make, not_sold_in=["sa"])
    elsewhere = CarModelFactory(make__not_sold_in=["sa", "qa"])
    api.force_authenticate(UserFactory())

    everywhere = api.get("/api/v1/catalog/makes").json()
    saudi = api.get("/api/v1/catalog/makes", {"country": "sa"}).json()
    in_saudi = api.post(
        "/api/v1/listings",
        listing_data(unsold, country="sa", region="riyadh", price="85000.00"),
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    in_bahrain = api.post("/api/v1/listings", {**listing_data(unsold), "duplicate_confirmed": True}, format="json")
    moved = api.patch(f"/api/v1/listings/{in_bahrain.json()['id']}", {"country": "sa", "region": "riyadh"}, format="json")

    models = {make["slug"]: [model["slug"] for model in make["models"]] for make in saudi}
    assert models[sold.make.slug] == [sold.slug]
    assert elsewhere.make.slug not in models
    make = next(make for make in everywhere if make["slug"] == elsewhere.make.slug)
    assert make["not_sold_in"] == ["sa", "qa"]
    assert {model["slug"] for model in next(m for m in everywhere if m["slug"] == sold.make.slug)["models"]} >= {
        sold.slug,
        unsold.slug,
    }
    assert api.get("/api/v1/catalog/makes", {"country": "zz"}).status_code == 400
    assert in_saudi.status_code == 400 and list(in_saudi.json()) == ["model"]
    assert "السعودية" in in_saudi.json()["model"][0]
    assert in_bahrain.status_code == 201
    assert moved.status_code == 400 and moved.json()["model"] == [f"The {unsold} is not sold in Saudi Arabia."]
