"""The test's index: everything committed relayed and searchable now, the body the indexer creates,
and the vocabulary search understands from the catalog as shipped."""

from typing import Any

from core.catalog.services import catalog_data
from discovery.vocabulary import vocabulary_build
from indexer.index_admin import listings_body
from indexer.relay import relay_outbox
from search.engine import get_engine
from search.index import listings_alias
from search.understanding.vocabulary import Vocabulary


def index_listings() -> None:
    """Relay the whole outbox into the index and make it searchable now (tests only: never refresh on the write path)."""
    while relay_outbox().sent:
        pass
    get_engine().refresh(listings_alias())


def shipped_index_body(**overrides: Any) -> dict[str, Any]:
    """The listings index body the indexer creates (the catalog's synonyms included)."""
    return listings_body(**overrides)


def shipped_vocabulary() -> Vocabulary:
    """What search understands, from the whole catalog as shipped (core/catalog/data),
    whatever the test database holds at the moment."""
    rows = []
    for make in catalog_data()["makes"]:
        rows.append((make["slug"], None, (make["name_en"], make["name_ar"]), make.get("aliases", [])))
        rows += [
            (make["slug"], model["slug"], (model["name_en"], model["name_ar"]), model.get("aliases", []))
            for model in make["models"]
        ]
    return vocabulary_build(rows)
