"""What search understands in free text (search/understanding), built from the
catalog's makes and models (core), the enums' labels and the places table.

search/ imports nothing of core (ARCHITECTURE.md, Folders), so the data is
handed over here. Built once per process (~0.1 s for the whole catalog); after
CACHE_SECONDS the next search starts a rebuild in the background and keeps
answering with the vocabulary it has, so no buyer waits for it.
"""

import logging
import threading
import time

from django.db import DatabaseError, connection

from core.catalog.countries import COUNTRY_CODES
from core.catalog.enums import ENUMS
from core.catalog.places import places
from core.catalog.selectors import catalog_names
from search.understanding.vocabulary import CatalogName, Vocabulary

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300.0

_vocabulary: tuple[float, Vocabulary] | None = None
_rebuilding = threading.Lock()


def vocabulary_build(catalog: list[tuple[str, str | None, tuple[str, str], list[str]]] | None = None) -> Vocabulary:
    """The vocabulary of `catalog` (catalog_names() rows), by default the catalog in PostgreSQL."""
    names = [
        CatalogName(make=make, model=model, names=names, aliases=tuple(str(alias) for alias in aliases))
        for make, model, names, aliases in (catalog_names() if catalog is None else catalog)
    ]
    enums = {name: [(choice.value, choice.label_en, choice.label_ar) for choice in choices] for name, choices in ENUMS.items()}
    # Every country's towns: the parser keeps those of the country searched (search/understanding/parser.py).
    every_place = [place for country in COUNTRY_CODES for place in places(country)]
    return Vocabulary(names=names, enums=enums, places=every_place)


def _rebuild() -> None:
    global _vocabulary
    try:
        _vocabulary = (time.monotonic(), vocabulary_build())
    except DatabaseError as exc:
        # The one it has keeps serving; a search after another CACHE_SECONDS tries again.
        logger.warning("search.vocabulary_rebuild_failed", extra={"error": str(exc)})
        if _vocabulary is not None:
            _vocabulary = (time.monotonic(), _vocabulary[1])
    finally:
        connection.close()
        _rebuilding.release()


def search_vocabulary() -> Vocabulary:
    global _vocabulary
    if _vocabulary is None:
        _vocabulary = (time.monotonic(), vocabulary_build())
    elif time.monotonic() - _vocabulary[0] > CACHE_SECONDS and _rebuilding.acquire(blocking=False):
        threading.Thread(target=_rebuild, name="search-vocabulary", daemon=True).start()
    return _vocabulary[1]


def search_vocabulary_forget() -> None:
    """Drop the cached vocabulary (tests change the catalog between cases)."""
    global _vocabulary
    _vocabulary = None
