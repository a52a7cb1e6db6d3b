"""Facets as buyers read them: the engine counts values (search/query.py), the
catalog names them in English and Arabic (core/catalog)."""

from typing import Any

from core.catalog.enums import enum_label
from core.catalog.selectors import catalog_labels
from search.index import FACET_FIELDS
from search.query import SearchResult


def labelled_facets(result: SearchResult) -> dict[str, Any]:
    """Facet values with their English and Arabic labels (the catalog lives in core)."""
    labels = catalog_labels()
    facets: dict[str, Any] = {}
    for name, value in result.facets.items():
        if name not in FACET_FIELDS:
            facets[name] = value
            continue
        entries = []
        for entry in value:
            if name == "make":
                en, ar = labels.makes.get(entry["value"], (entry["value"], entry["value"]))
            elif name == "model":
                en, ar = labels.models.get((entry.get("make") or "", entry["value"]), (entry["value"], entry["value"]))
            else:
                en, ar = enum_label(name, entry["value"])
            entries.append({**entry, "label_en": en, "label_ar": ar})
        facets[name] = entries
    return facets
