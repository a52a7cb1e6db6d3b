"""core/catalog/services.py: the catalog's data marks what is not sold in a country."""

import pytest

from core.catalog.models import CarModel
from core.catalog.services import catalog_load

pytestmark = pytest.mark.django_db


def _data(**model_fields):  # type: ignore[no-untyped-def]
    model = {"slug": "test-niva", "name_en": "Niva", "name_ar": "نيفا", **model_fields}
    return {"makes": [{"slug": "test-lada", "name_en": "Lada", "name_ar": "لادا", "not_sold_in": ["kw"], "models": [model]}]}


def test_not_sold_in_is_loaded_and_cleared_with_the_data():
    catalog_load(_data(not_sold_in=["sa", "ae"]))
    niva = CarModel.objects.select_related("make").get(slug="test-niva")
    assert (niva.not_sold_in, niva.make.not_sold_in) == (["sa", "ae"], ["kw"])
    assert niva.sold_in("bh") and not niva.sold_in("sa") and not niva.sold_in("kw")

    catalog_load(_data())

    niva.refresh_from_db()
    assert niva.not_sold_in == [] and niva.sold_in("sa")
