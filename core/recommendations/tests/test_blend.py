from collections import Counter

from core.recommendations.blend import BlendWeights, Candidate, blend, diversify, reason_for
from core.recommendations.profile import ListingTraits, StatedFilters, profile_build


def car(listing_id: int, model: str = "land-cruiser", make: str = "toyota", price: int = 8000, **scores) -> Candidate:
    traits = ListingTraits(make, model, "suv", "gcc", "petrol", "automatic", price * 1000, 2019)
    return Candidate(listing_id=listing_id, traits=traits, **scores)


def test_the_blend_weighs_each_source_and_names_the_one_that_carried_an_item():
    ranked = blend(
        [car(1, collaborative=2.0), car(2, content=10.0), car(3, popularity=50.0)],
        BlendWeights(collaborative=0.6, content=0.3, popularity=0.1),
    )

    assert [(c.listing_id, c.source) for c in ranked] == [(1, "collaborative"), (2, "content"), (3, "popularity")]


def test_never_ten_of_one_model_in_a_row():
    many = [car(n, content=100 - n) for n in range(20)]  # the best twenty are all Land Cruisers
    others = [car(100 + n, model=f"model-{n}", make=f"make-{n}", content=10 - n / 10) for n in range(10)]

    top = diversify(blend(many + others))[:10]

    assert Counter(c.traits.model for c in top)["land-cruiser"] <= 2
    assert len(diversify(blend(many + others))) == 30  # nothing is dropped


def test_reasons_say_why_in_english_and_arabic():
    profile = profile_build([(car(9).traits, 1.0)])
    anchors = {
        9: ("2019 Toyota Land Cruiser", "تويوتا لاند كروزر 2019", False),
        8: ("2020 Nissan Patrol", "نيسان باترول 2020", True),
    }
    names = {"toyota": ("Toyota", "تويوتا")}
    suvs = StatedFilters(name="SUVs under 8k", filters={"body_type": ("suv",)}, ranges={"price": (None, 8_000_000)}, weight=3)

    def why(candidate, stated=()):
        [ranked] = blend([candidate])
        return reason_for(ranked, profile=profile, anchors=anchors, stated=list(stated), make_names=names)

    assert (
        why(car(1, collaborative=1.0, anchor=9))["text_en"] == "Buyers who viewed the 2019 Toyota Land Cruiser also viewed this"
    )
    assert why(car(1, collaborative=1.0, anchor=8)) == {
        "code": "saved_similar",
        "text_en": "Because you saved the 2020 Nissan Patrol",
        "text_ar": "لأنك حفظت نيسان باترول 2020",
    }
    interests = why(car(1, content=1.0, price=7000))
    assert interests["code"] == "interests"
    assert interests["text_en"].startswith("Because you looked at Toyota SUVs under BHD ")
    assert interests["text_ar"].startswith("لأنك تصفحت سيارات إس يو في تويوتا بأقل من ")
    assert why(car(1, content=1.0, price=7000), [suvs])["text_en"] == "Matches your saved search “SUVs under 8k”"
    assert why(car(1, popularity=3.0))["code"] == "popular"
    assert why(car(1))["text_ar"] == "جديدة على سيارة"


def test_a_reason_names_the_countrys_currency_and_a_saved_search_counts_in_its_own_country():
    riyals = ListingTraits("toyota", "land-cruiser", "suv", "gcc", "petrol", "automatic", 8_000_000, 2019, "sa")
    profile = profile_build([(riyals, 1.0)], country="sa")
    bahraini_search = StatedFilters(name="SUVs", filters={"body_type": ("suv",)}, ranges={}, weight=3)
    [ranked] = blend([Candidate(listing_id=1, traits=riyals, content=1.0)])

    reason = reason_for(
        ranked, profile=profile, anchors={}, stated=[bahraini_search], make_names={"toyota": ("Toyota", "تويوتا")}
    )

    assert reason == {
        "code": "interests",
        "text_en": "Because you looked at Toyota SUVs under SAR 95,000",
        "text_ar": "لأنك تصفحت سيارات إس يو في تويوتا بأقل من 95,000 ر.س",
    }
