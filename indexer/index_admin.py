"""Creating the listings index behind its alias, with the catalog's synonyms."""

import logging

from core.catalog.models import CarModel, Make
from core.listings.models import Listing
from indexer.documents import INDEXED_STATUSES
from search.engine import get_engine
from search.engines.base import EngineError
from search.index import IndexLayout, index_layout, listings_alias, listings_index_body, synonym_rules

logger = logging.getLogger(__name__)


def _usable(name: str) -> bool:
    # A bare number or a letter as a synonym ("3", "x") would rewrite every query containing it.
    name = name.strip()
    return len(name) >= 2 and not name.replace(" ", "").isdigit()


def catalog_synonyms() -> list[str]:
    """Equivalences between English and Arabic names and common spellings."""
    groups = []
    for make in Make.objects.all():
        groups.append([make.name_en, make.name_ar, *make.aliases])
    for model in CarModel.objects.all():
        groups.append([model.name_en, model.name_ar, *model.aliases])
    return synonym_rules([name for name in group if _usable(str(name))] for group in groups)


def listings_layout() -> IndexLayout:
    """Shards and replicas for a new index of today's listings on today's cluster (search/index.py, the rule)."""
    health = get_engine().cluster_health()
    expected = Listing.objects.filter(status__in=INDEXED_STATUSES).count()
    return index_layout(expected_documents=expected, data_nodes=int(health["number_of_data_nodes"]))


def listings_body(**overrides):  # type: ignore[no-untyped-def]
    overrides.setdefault("layout", listings_layout())
    return listings_index_body(synonyms=catalog_synonyms(), **overrides)


def _add_new_fields(indices: list[str]) -> None:
    """Fields the mapping gained since the index was made join it in place (adding a
    field is allowed on a live index; changing one needs a rebuild: manage.py reindex)."""
    properties = listings_index_body(synonyms=[])["mappings"]["properties"]
    for name in indices:
        try:
            get_engine().put_mapping(name, properties)
        except EngineError as exc:
            if exc.status != 400:
                raise
            logger.warning("index.mapping_needs_rebuild", extra={"index": name, "error": str(exc)[:300]})


def ensure_listings_index() -> str:
    """Create the first index and its alias if the alias is missing; return the alias.

    The first index has a fixed name so that two processes starting at once
    create one index, not two behind one alias.
    """
    engine = get_engine()
    alias = listings_alias()
    if existing := engine.indices_for_alias(alias):
        _add_new_fields(existing)
        return alias
    body = listings_body()
    body["aliases"] = {alias: {}}
    try:
        engine.create_index(f"{alias}-initial", body)
        logger.info("index.created", extra={"alias": alias})
    except EngineError as exc:
        if exc.status != 400 or "already_exists" not in str(exc):
            raise
    return alias
