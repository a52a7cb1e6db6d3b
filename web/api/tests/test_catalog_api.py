"""The catalog covers Bahrain's market, in English and Arabic."""

import pytest

from core.catalog.services import catalog_data, catalog_load

pytestmark = pytest.mark.django_db


def test_makes_and_models_cover_the_market(api):
    # The data migration runs this same loader; transactional tests empty the
    # tables afterwards, so the test loads the data itself.
    catalog_load(catalog_data())

    makes = api.get("/api/v1/catalog/makes").json()

    assert len(makes) >= 40
    assert sum(len(make["models"]) for make in makes) >= 400
    toyota = next(make for make in makes if make["slug"] == "toyota")
    assert toyota["name_ar"] == "تويوتا"
    models = {model["slug"]: model for model in toyota["models"]}
    assert {"land-cruiser", "land-cruiser-prado", "camry"} <= set(models)
    assert models["land-cruiser"]["name_ar"] == "لاند كروزر"
    slugs = {make["slug"] for make in makes}
    assert {"nissan", "lexus", "mitsubishi", "hyundai", "kia", "honda", "ford", "chevrolet", "gmc", "mercedes-benz", "bmw",
            "land-rover", "porsche", "changan", "mg", "geely"} <= slugs  # fmt: skip
    assert all(make["name_ar"] and all(model["name_ar"] for model in make["models"]) for make in makes)


def test_enums_have_both_labels(api):
    enums = api.get("/api/v1/catalog/enums").json()

    assert set(enums) == {
        "body_type",
        "fuel",
        "transmission",
        "drivetrain",
        "color",
        "regional_spec",
        "condition",
        "region",
        "governorate",
        "seller_type",
        "country",
    }
    assert {"value": "gcc", "label_en": "GCC", "label_ar": "خليجي"} in enums["regional_spec"]
    assert [item["value"] for item in enums["governorate"]] == ["capital", "muharraq", "northern", "southern"]
    assert [item["value"] for item in enums["region"]][:5] == ["capital", "muharraq", "northern", "southern", "riyadh"]
    assert all(item["label_en"] and item["label_ar"] for values in enums.values() for item in values)


def test_every_label_reads_unambiguously(api):
    """One label, one meaning: the SUV and four-wheel drive must not both read "دفع رباعي"."""
    enums = api.get("/api/v1/catalog/enums").json()
    del enums["governorate"], enums["country"]  # Bahrain's regions under their old name; countries (labelled apart)
    arabic = [item["label_ar"] for values in enums.values() for item in values]
    assert len(arabic) == len(set(arabic)), sorted(label for label in arabic if arabic.count(label) > 1)
    for name, values in enums.items():
        english = [item["label_en"] for item in values]
        assert len(english) == len(set(english)), name
    suv = next(item for item in enums["body_type"] if item["value"] == "suv")
    four = next(item for item in enums["drivetrain"] if item["value"] == "4wd")
    assert suv["label_ar"] != four["label_ar"]
