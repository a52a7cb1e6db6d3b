"""/metrics in Prometheus text format (docs/operations.md, "Monitoring").

- Request latency: a histogram by route, method and status, observed by
  `request_metrics_middleware` (first in MIDDLEWARE, so it times everything).
- Search latency: the engine-call histogram of search/engine.py.
- The index sync and the queue, read at scrape time from PostgreSQL, the
  engine and Redis (so every web worker answers the same): outbox backlog,
  its oldest age (how long the index trails), stuck rows, time since the
  relay last ran, index lag in documents and the Celery queue's length.
  A source that cannot be read is reported by
  `sayara_metrics_source_up{source=...} 0` and its figures are left out.

With several web workers (PROMETHEUS_MULTIPROC_DIR set), counters and
histograms are summed over the workers by prometheus-client's multiprocess
collector.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator

import redis
from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import sync_and_async_middleware
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from indexer.lag import index_lag, outbox_lag
from search.engines.base import EngineError

logger = logging.getLogger(__name__)

REQUEST_SECONDS = Histogram(
    "sayara_http_request_duration_seconds",
    "Time to answer an HTTP request, by route (URL pattern), method and status.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Kombu's Redis transport keeps a queue's messages in one list per priority step.
KOMBU_PRIORITY_SEPARATOR = "\x06\x16"
KOMBU_PRIORITY_STEPS = (0, 3, 6, 9)


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answered (bounded label values), not the path."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.route:
        return match.route
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unresolved"


def _observe(request: HttpRequest, response: HttpResponse, started: float) -> None:
    method = request.method if request.method in METHODS else "OTHER"
    REQUEST_SECONDS.labels(route_of(request), method, str(response.status_code)).observe(time.perf_counter() - started)


@sync_and_async_middleware
def request_metrics_middleware(get_response: Callable) -> Callable:
    """Observes every request's latency; works under WSGI and ASGI alike."""
    if iscoroutinefunction(get_response):

        async def async_middleware(request: HttpRequest) -> HttpResponse:
            started = time.perf_counter()
            response = await get_response(request)
            _observe(request, response, started)
            return response

        return markcoroutinefunction(async_middleware)

    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = get_response(request)
        _observe(request, response, started)
        return response

    return middleware


def celery_queue_length(*, broker_url: str, queue: str, timeout: float) -> int:
    """Messages waiting in a Celery queue on the Redis broker (every priority)."""
    client = redis.Redis.from_url(broker_url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        pipe = client.pipeline(transaction=False)
        for step in KOMBU_PRIORITY_STEPS:
            pipe.llen(f"{queue}{KOMBU_PRIORITY_SEPARATOR}{step}" if step else queue)
        return sum(int(length) for length in pipe.execute())
    finally:
        client.close()


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def outbox_metrics() -> list[GaugeMetricFamily]:
    lag = outbox_lag()
    families = [
        _gauge("sayara_outbox_backlog", "Outbox rows not yet relayed to the search index.", lag.backlog),
        _gauge(
            "sayara_outbox_oldest_age_seconds",
            "Age of the oldest outbox row not yet relayed (0 when empty): how long the index trails.",
            lag.oldest_age_seconds,
        ),
        _gauge("sayara_outbox_stuck", "Outbox rows whose relay failed repeatedly.", lag.stuck),
        _gauge("sayara_outbox_max_attempts", "Most relay attempts of any outbox row.", lag.max_attempts),
    ]
    if lag.last_relay_age_seconds is not None:
        families.append(
            _gauge("sayara_outbox_last_relay_age_seconds", "Seconds since the relay last ran.", lag.last_relay_age_seconds)
        )
    return families


def index_metrics() -> list[GaugeMetricFamily]:
    index = index_lag()
    return [
        _gauge(
            "sayara_index_lag_documents",
            "Listings that belong in the index minus documents in it (negative: documents it should have dropped).",
            index.missing,
        ),
        _gauge("sayara_index_documents", "Documents in the listings index.", index.documents),
        _gauge("sayara_listings_indexable", "Listings that belong in the index.", index.indexable),
    ]


def queue_metrics() -> list[GaugeMetricFamily]:
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    waiting = celery_queue_length(broker_url=settings.CELERY_BROKER_URL, queue=queue, timeout=settings.READYZ_TIMEOUT)
    length = GaugeMetricFamily("sayara_celery_queue_length", "Tasks waiting in the Celery queue.", labels=["queue"])
    length.add_metric([queue], waiting)
    return [length]


# source → what it yields, and the errors that mean it cannot be read right now.
SOURCES: tuple[tuple[str, Callable[[], list[GaugeMetricFamily]], tuple[type[Exception], ...]], ...] = (
    ("postgres", outbox_metrics, (DatabaseError,)),
    ("search", index_metrics, (EngineError, DatabaseError)),
    ("redis", queue_metrics, (redis.RedisError,)),
)


class IndexSyncCollector(Collector):
    """Figures read from the databases at scrape time."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily(
            "sayara_metrics_source_up", "1 when /metrics could read this source, 0 when not.", labels=["source"]
        )
        for source, read, failures in SOURCES:
            try:
                families = read()
            except failures as exc:
                logger.warning("metrics.source_down", extra={"source": source, "error": str(exc)})
                up.add_metric([source], 0)
                continue
            up.add_metric([source], 1)
            yield from families
        yield up


class _ThisProcess(Collector):
    """The process's own registry, when there is one web process."""

    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


def scrape() -> bytes:
    registry = CollectorRegistry()
    if settings.PROMETHEUS_MULTIPROC_DIR:
        multiprocess.MultiProcessCollector(registry, path=settings.PROMETHEUS_MULTIPROC_DIR)
    else:
        registry.register(_ThisProcess())
    registry.register(IndexSyncCollector())
    return generate_latest(registry)


def metrics(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
