"""Catalog writes: loading the makes and models from data (core/catalog/data)."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from core.catalog.models import CarModel, Make

CATALOG_FILE = Path(__file__).resolve().parent / "data" / "catalog.json"


def catalog_data() -> dict[str, Any]:
    return json.loads(CATALOG_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def catalog_load(data: dict[str, Any], *, make_model: Any = Make, car_model: Any = CarModel) -> tuple[int, int]:
    """Create or update every make and model of `data`; return their counts.

    The model classes are parameters so the data migration can pass its
    historical models and share this code.
    """
    makes = models = 0
    # The data migration that first loaded the catalog predates `not_sold_in`.
    marks = any(field.name == "not_sold_in" for field in make_model._meta.get_fields())
    for make_data in data["makes"]:
        make, _ = make_model.objects.update_or_create(
            slug=make_data["slug"],
            defaults={
                "name_en": make_data["name_en"],
                "name_ar": make_data["name_ar"],
                "aliases": make_data.get("aliases", []),
                **({"not_sold_in": make_data.get("not_sold_in", [])} if marks else {}),
            },
        )
        makes += 1
        for model_data in make_data["models"]:
            car_model.objects.update_or_create(
                make=make,
                slug=model_data["slug"],
                defaults={
                    "name_en": model_data["name_en"],
                    "name_ar": model_data["name_ar"],
                    "aliases": model_data.get("aliases", []),
                    "body_type": model_data.get("body_type", ""),
                    **({"not_sold_in": model_data.get("not_sold_in", [])} if marks else {}),
                },
            )
            models += 1
    return makes, models
