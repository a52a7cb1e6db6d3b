"""The countries table (core/catalog/countries.py) and the towns in their regions."""

import pytest

from core.catalog.countries import (
    ALL_REGIONS,
    COUNTRIES,
    REGION_COUNTRY,
    country_get,
    money_text,
    phone_normalized,
    phone_valid,
)
from core.catalog.places import places


def test_six_countries_with_their_currencies_and_decimals():
    assert [(c.code, c.currency, c.decimals) for c in COUNTRIES] == [
        ("bh", "BHD", 3), ("sa", "SAR", 2), ("ae", "AED", 2), ("kw", "KWD", 3), ("qa", "QAR", 2), ("om", "OMR", 3),
    ]  # fmt: skip
    assert all(c.name_en and c.name_ar for c in COUNTRIES)


def test_a_region_belongs_to_one_country_and_reads_in_both_languages():
    assert len(ALL_REGIONS) == len(REGION_COUNTRY) == 4 + 13 + 7 + 6 + 8 + 11
    assert all(region.label_en and region.label_ar for region in ALL_REGIONS)
    assert REGION_COUNTRY["capital"] == "bh" and REGION_COUNTRY["al_asimah"] == "kw"


@pytest.mark.parametrize("country", [c.code for c in COUNTRIES])
def test_every_towns_region_is_its_countrys(country):
    towns = places(country)
    assert towns, country
    assert {region for region, _ in towns} <= country_get(country).region_values
    assert all(names for _, names in towns)


@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("3600 1122", "bh", "+97336001122"),
        ("00973 3600-1122", "bh", "+97336001122"),
        ("+966 50 123 4567", "bh", "+966501234567"),
        ("050 123 4567", "sa", "+966501234567"),
        ("050 123 4567", "ae", "+971501234567"),
        ("9665 01234567", "bh", "+966501234567"),
        ("5012 3456", "kw", "+96550123456"),
        ("(974) 3312 3456", "bh", "+97433123456"),
        ("9123 4567", "om", "+96891234567"),
    ],
)
def test_phones_are_normalised_in_every_country(typed, country, stored):
    assert phone_normalized(typed, country=country) == stored
    assert phone_valid(stored)


@pytest.mark.parametrize("stored", ["+97346001122", "+971201234567", "+9665012", "036001122", "+96888123456"])
def test_numbers_outside_a_countrys_format_are_refused(stored):
    assert not phone_valid(phone_normalized(stored))


@pytest.mark.parametrize(
    ("amount", "currency", "english", "arabic"),
    [
        ("18500.000", "BHD", "BHD 18,500", "18,500 د.ب"),
        ("18500.250", "BHD", "BHD 18,500.250", "18,500.250 د.ب"),
        ("85000.50", "SAR", "SAR 85,000.50", "85,000.50 ر.س"),
        ("4500.125", "KWD", "KWD 4,500.125", "4,500.125 د.ك"),
        ("99000.10", "AED", "AED 99,000.10", "99,000.10 د.إ"),
        ("7100.5", "OMR", "OMR 7,100.500", "7,100.500 ر.ع"),
    ],
)
def test_money_reads_in_its_currency_with_its_decimals_in_both_languages(amount, currency, english, arabic):
    assert money_text(amount, currency, "en") == english
    assert money_text(amount, currency, "ar") == arabic
