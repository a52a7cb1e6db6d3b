"""The engine chosen by settings.SEARCH_ENGINE, built once per process."""

from functools import cache
from importlib import import_module

from django.conf import settings

from search.engines.base import SearchEngine

ADAPTERS = {
    "opensearch": "search.engines.opensearch.OpenSearchEngine",
    "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
}


@cache
def get_engine() -> SearchEngine:
    if settings.SEARCH_ENGINE not in ADAPTERS:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ADAPTERS)}, not {settings.SEARCH_ENGINE!r}")
    module, _, name = ADAPTERS[settings.SEARCH_ENGINE].rpartition(".")
    adapter = getattr(import_module(module), name)
    return adapter(
        settings.SEARCH_URL,
        timeout=settings.SEARCH_TIMEOUT,
        username=settings.SEARCH_USERNAME,
        password=settings.SEARCH_PASSWORD,
    )
