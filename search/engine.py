"""The engine chosen by settings.SEARCH_ENGINE, built once per process.

Every call the app makes through it is timed into the search latency
histogram that /metrics exposes (web/metrics.py), whichever engine it is.
"""

import time
from collections.abc import Callable
from functools import cache, wraps
from importlib import import_module
from typing import Any, cast

from django.conf import settings
from prometheus_client import Histogram

from search.engines.base import EngineError, EngineUnavailable, SearchEngine

ENGINE_SECONDS = Histogram(
    "sayara_search_engine_duration_seconds",
    "Time spent in calls to the search engine, by engine, operation (adapter method) and outcome.",
    ["engine", "operation", "outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class TimedEngine:
    """Wraps an adapter: each public method call is observed in ENGINE_SECONDS.

    Methods are wrapped on access rather than listed, so whatever an adapter
    offers (now or later) is timed without touching this class.
    """

    def __init__(self, engine: SearchEngine) -> None:
        self.engine = engine
        self.name = engine.name

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self.engine, attr)
        if attr.startswith("_") or not callable(value):
            return value
        return self._timed(attr, value)

    def _timed(self, operation: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(method)
        def timed(*args: Any, **kwargs: Any) -> Any:
            outcome = "ok"
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            except EngineUnavailable:
                outcome = "unavailable"
                raise
            except EngineError:
                outcome = "error"
                raise
            finally:
                ENGINE_SECONDS.labels(self.name, operation, outcome).observe(time.perf_counter() - start)

        return timed


ADAPTERS = {
    "opensearch": "search.engines.opensearch.OpenSearchEngine",
    "elasticsearch": "search.engines.elasticsearch.ElasticsearchEngine",
}


def build_engine(*, engine: str, url: str, timeout: float, username: str = "", password: str = "") -> SearchEngine:
    """A bare adapter (not timed) for the named engine."""
    if engine not in ADAPTERS:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ADAPTERS)}, not {engine!r}")
    module, _, name = ADAPTERS[engine].rpartition(".")
    adapter = getattr(import_module(module), name)
    return cast(SearchEngine, adapter(url, timeout=timeout, username=username, password=password))


@cache
def get_engine(*, timeout: float | None = None) -> SearchEngine:
    """The engine, each call waiting SEARCH_TIMEOUT (what a buyer's search may wait)
    unless `timeout` says otherwise: maintenance such as a rebuild, whose refresh
    or bulk requests take longer on a busy engine, asks for its own."""
    engine = build_engine(
        engine=settings.SEARCH_ENGINE,
        url=settings.SEARCH_URL,
        timeout=timeout or settings.SEARCH_TIMEOUT,
        username=settings.SEARCH_USERNAME,
        password=settings.SEARCH_PASSWORD,
    )
    return cast(SearchEngine, TimedEngine(engine))
