"""The engine chosen by settings.SEARCH_ENGINE, built once per process."""

from functools import cache

from django.conf import settings

from search.engines.base import SearchEngine


@cache
def get_engine() -> SearchEngine:
    if settings.SEARCH_ENGINE == "opensearch":
        from search.engines.opensearch import OpenSearchEngine

        return OpenSearchEngine(
            settings.SEARCH_URL,
            timeout=settings.SEARCH_TIMEOUT,
            username=settings.SEARCH_USERNAME,
            password=settings.SEARCH_PASSWORD,
        )
    if settings.SEARCH_ENGINE == "elasticsearch":
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(
            settings.SEARCH_URL,
            timeout=settings.SEARCH_TIMEOUT,
            username=settings.SEARCH_USERNAME,
            password=settings.SEARCH_PASSWORD,
        )
    raise ValueError(f"SEARCH_ENGINE must be 'opensearch' or 'elasticsearch', not {settings.SEARCH_ENGINE!r}")
