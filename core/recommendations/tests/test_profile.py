from core.recommendations.profile import ListingTraits, StatedFilters, filters_match, profile_build


def traits(make="toyota", model="land-cruiser", body="suv", price=8000, year=2019, spec="gcc") -> ListingTraits:
    return ListingTraits(make, model, body, spec, "petrol", "automatic", price * 1000, year)


def test_the_profile_leans_to_what_the_buyer_engaged_with_most():
    profile = profile_build(
        [(traits(price=7000), 3.0), (traits(price=9000), 2.0), (traits("nissan", "sunny", "sedan", 4000, 2015), 0.5)]
    )

    assert profile.top("make") == "toyota" and profile.top("body_type") == "suv"
    assert profile.top("model") == "toyota/land-cruiser"
    low, high = profile.ranges["price"]
    assert low <= 7_000_000 and 9_000_000 <= high < 12_000_000
    assert profile.ranges["year"] == (2018, 2020)


def test_a_saved_searchs_price_bound_beats_what_was_inferred():
    stated = StatedFilters(name="SUVs", filters={"body_type": ("suv",)}, ranges={"price": (None, 8_000_000)}, weight=3.0)

    profile = profile_build([(traits(price=15000), 1.0)], [stated])

    assert profile.ranges["price"] == (None, 8_000_000)
    assert "suv" in profile.terms["body_type"]


def test_nothing_known_is_an_empty_profile():
    assert profile_build([]).empty


def test_filters_match_as_a_search_would():
    car = traits(price=7500)

    assert filters_match(car, {"make": ("toyota",), "body_type": ("suv", "sedan")}, {"price": (None, 8_000_000)})
    assert not filters_match(car, {"make": ("nissan",)}, {})
    assert not filters_match(car, {}, {"year": (2020, None)})
    assert filters_match(car, {"color": ("red",)}, {})  # what the traits do not tell passes


def test_the_price_band_is_of_the_country_browsed_alone():
    riyals = ListingTraits("toyota", "land-cruiser", "suv", "gcc", "petrol", "automatic", 9_000_000, 2019, "sa")  # SAR 90,000.00
    saudi_search = StatedFilters(
        name="Under SAR 100k", filters={}, ranges={"price": (None, 10_000_000)}, weight=3.0, country="sa"
    )
    engaged = [(traits(price=8000), 1.0), (riyals, 1.0)]

    in_saudi = profile_build(engaged, [saudi_search], country="sa")
    in_bahrain = profile_build(engaged, [saudi_search], country="bh")

    assert in_saudi.country == "sa" and in_saudi.ranges["price"] == (None, 10_000_000)
    low, high = in_bahrain.ranges["price"]  # the fils of the Bahraini car alone, not the Saudi search's halalas
    assert low <= 8_000_000 <= high < 10_000_000
    assert in_bahrain.top("model") == in_saudi.top("model") == "toyota/land-cruiser"  # what they like holds everywhere
