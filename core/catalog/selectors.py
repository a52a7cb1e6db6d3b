"""Reads of the catalog, cached per process for a short while (it rarely changes)."""

import time
from dataclasses import dataclass

from core.catalog.models import CarModel, Make

CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class CatalogLabels:
    makes: dict[str, tuple[str, str]]  # slug → (en, ar)
    models: dict[tuple[str, str], tuple[str, str]]  # (make slug, model slug) → (en, ar)


_labels: tuple[float, CatalogLabels] | None = None


def catalog_labels() -> CatalogLabels:
    global _labels
    if _labels is None or time.monotonic() - _labels[0] > CACHE_SECONDS:
        makes = {make.slug: (make.name_en, make.name_ar) for make in Make.objects.all()}
        models = {
            (make_slug, slug): (name_en, name_ar)
            for make_slug, slug, name_en, name_ar in CarModel.objects.values_list("make__slug", "slug", "name_en", "name_ar")
        }
        _labels = (time.monotonic(), CatalogLabels(makes=makes, models=models))
    return _labels[1]


def catalog_makes_with_models(country: str | None = None) -> list[Make]:
    """Every make with its models; with `country`, the makes sold there (CarModel.sold_in says which models)."""
    makes = list(Make.objects.prefetch_related("models").order_by("name_en"))
    return makes if country is None else [make for make in makes if country not in make.not_sold_in]


def catalog_names() -> list[tuple[str, str | None, tuple[str, str], list[str]]]:
    """Every make and model as (make slug, model slug or None, (English, Arabic) name, aliases):
    what search understands in free text (discovery/vocabulary.py)."""
    rows: list[tuple[str, str | None, tuple[str, str], list[str]]] = [
        (slug, None, (name_en, name_ar), list(aliases))
        for slug, name_en, name_ar, aliases in Make.objects.values_list("slug", "name_en", "name_ar", "aliases")
    ]
    rows += [
        (make_slug, slug, (name_en, name_ar), list(aliases))
        for make_slug, slug, name_en, name_ar, aliases in CarModel.objects.values_list(
            "make__slug", "slug", "name_en", "name_ar", "aliases"
        )
    ]
    return rows
