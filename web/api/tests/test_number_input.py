"""Numbers typed in Arabic-Indic or Persian digits and Arabic separators (web/api/number_input.py)."""

import pytest
from django.http import QueryDict

from core.accounts.services import phone_normalized
from web.api.number_input import fold_number, fold_numbers, fold_query_dict


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("٢٠١٩", "2019"),
        ("۲۰۱۹", "2019"),
        ("٨٬٥٠٠", "8500"),
        ("٨,٥٠٠", "8500"),
        ("٨٥٠٠٫٥", "8500.5"),
        ("٨٬٥٠٠٫٢٥٠", "8500.250"),
        ("8500٫5", "8500.5"),
        (" ١٢٠٠٠٠ ", " 120000 "),
        ("+٩٧٣ ٣٦٠٠ ١١٢٢", "+973 3600 1122"),
        ("-٣", "-3"),
        # ASCII numbers are left exactly as sent, and so is anything that is not one number.
        ("8,500", "8,500"),
        ("2019", "2019"),
        ("٢٠١٥-٢٠١٨", "٢٠١٥-٢٠١٨"),
        ("تويوتا ٢٠١٩", "تويوتا ٢٠١٩"),
        ("", ""),
    ],
)
def test_a_number_in_arabic_digits_becomes_ascii(typed, folded):
    assert fold_number(typed) == folded


def test_free_text_and_secrets_stay_as_written_in_nested_json():
    data = {
        "year": "٢٠٢٠",
        "filters": {"price_max": "٩٬٠٠٠", "make": ["toyota"]},
        "ids": ["١", "٢", 3],
        "body": "٥٠٠٠",
        "password": "١٢٣٤٥٦٧٨٩٠",
        "title": "٢٠٢٠",
    }

    assert fold_numbers(data) == {
        "year": "2020",
        "filters": {"price_max": "9000", "make": ["toyota"]},
        "ids": ["1", "2", 3],
        "body": "٥٠٠٠",
        "password": "١٢٣٤٥٦٧٨٩٠",
        "title": "٢٠٢٠",
    }


def test_query_strings_fold_every_value_of_a_repeated_parameter():
    query = QueryDict("page=٢&year_min=٢٠١٥&year_min=2016&q=٢٠١٩")

    folded = fold_query_dict(query)

    assert folded.getlist("year_min") == ["2015", "2016"]
    assert folded["page"] == "2" and folded["q"] == "٢٠١٩"
    assert not folded._mutable
    untouched = QueryDict("page=2")
    assert fold_query_dict(untouched) is untouched


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("3600 1122", "+97336001122"),
        ("36001122", "+97336001122"),
        ("+973 3600 1122", "+97336001122"),
        ("+973-3600-1122", "+97336001122"),
        ("00973 3600 1122", "+97336001122"),
        ("973 3600 1122", "+97336001122"),
        ("(+973) 3600.1122", "+97336001122"),
        ("3600 112", "3600112"),
    ],
)
def test_a_bahrain_number_in_any_usual_form_is_normalised(typed, stored):
    assert phone_normalized(typed) == stored
