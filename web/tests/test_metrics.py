"""/metrics as Prometheus scrapes it: request and search latency, the index
sync's figures and the Celery queue, each read from the real services."""

from datetime import timedelta

import pytest
import redis
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from core.listings.models import Listing
from core.outbox.models import OutboxEntry
from indexer.documents import INDEXED_STATUSES
from indexer.relay import STUCK_AFTER_ATTEMPTS
from testing.listings import make_listing
from web.celery import app as celery_app

pytestmark = pytest.mark.django_db


def scrape(api) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics: (name, sorted labels) → value."""
    answer = api.get("/metrics")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(answer.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    if key not in samples:
        pytest.fail(f"/metrics has no sample {name}{labels}")
    return samples[key]


def count_before(samples, name: str, **labels: str) -> float:
    """A counter's value, 0 when nothing was counted yet."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_the_outbox_backlog_its_oldest_age_and_stuck_rows(api):
    # Rows the relay has not delivered: one fresh change, one waiting an hour, one stuck.
    make_listing()
    hour_ago = timezone.now() - timedelta(hours=1)
    OutboxEntry.objects.create(listing_id=10**9, version=1, created_at=hour_ago)
    OutboxEntry.objects.create(listing_id=10**9 + 1, version=1, attempts=STUCK_AFTER_ATTEMPTS + 1, last_error="boom")

    samples = scrape(api)

    assert value(samples, "sayara_outbox_backlog") == OutboxEntry.objects.count() >= 3
    assert value(samples, "sayara_outbox_oldest_age_seconds") >= 3600
    assert value(samples, "sayara_outbox_stuck") >= 1
    assert value(samples, "sayara_outbox_max_attempts") >= STUCK_AFTER_ATTEMPTS + 1
    assert value(samples, "sayara_metrics_source_up", source="postgres") == 1


def test_index_lag_counts_listings_the_index_does_not_hold_yet(api, fresh_index):
    make_listing()
    make_listing(publish=False)  # a draft does not belong in the index

    samples = scrape(api)

    indexable = Listing.objects.filter(status__in=INDEXED_STATUSES).count()
    assert value(samples, "sayara_listings_indexable") == indexable >= 1
    assert value(samples, "sayara_index_documents") == 0
    assert value(samples, "sayara_index_lag_documents") == indexable
    assert value(samples, "sayara_metrics_source_up", source="search") == 1


def test_request_latency_is_counted_by_route_method_and_status(api):
    labels = {"route": "api/v1/listings/<int:listing_id>", "method": "GET", "status": "404"}
    before = count_before(scrape(api), "sayara_http_request_duration_seconds_count", **labels)

    assert api.get("/api/v1/listings/999999999").status_code == 404
    assert api.get("/api/v1/listings/999999998").status_code == 404

    after = scrape(api)
    assert value(after, "sayara_http_request_duration_seconds_count", **labels) == before + 2
    assert value(after, "sayara_http_request_duration_seconds_bucket", **labels, le="+Inf") == before + 2


def test_search_latency_counts_the_engine_calls_of_a_search(api, settings, fresh_index):
    labels = {"engine": settings.SEARCH_ENGINE, "operation": "msearch", "outcome": "ok"}
    before = count_before(scrape(api), "sayara_search_engine_duration_seconds_count", **labels)

    assert api.get("/api/v1/search/listings", {"make": "toyota"}).status_code == 200

    assert value(scrape(api), "sayara_search_engine_duration_seconds_count", **labels) > before


def test_celery_queue_length_counts_waiting_tasks_of_every_priority(api, settings, unique):
    queue = f"test-{unique}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        for _ in range(3):
            celery_app.send_task("indexer.sweep_outbox", queue=queue)
        celery_app.send_task("indexer.sweep_outbox", queue=queue, priority=9)

        samples = scrape(api)

        assert value(samples, "sayara_celery_queue_length", queue=queue) == 4
        assert value(samples, "sayara_metrics_source_up", source="redis") == 1
    finally:
        for key in broker.scan_iter(match=f"*{queue}*"):
            broker.delete(key)


def test_a_source_that_cannot_be_read_is_marked_down_and_the_rest_still_report(api, settings, unique):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.SEARCH_INDEX_PREFIX = f"test-{unique}"  # no such index

    samples = scrape(api)

    assert value(samples, "sayara_metrics_source_up", source="redis") == 0
    assert value(samples, "sayara_metrics_source_up", source="search") == 0
    assert value(samples, "sayara_metrics_source_up", source="postgres") == 1
    assert value(samples, "sayara_outbox_backlog") >= 0
    assert not [key for key in samples if key[0] in ("sayara_celery_queue_length", "sayara_index_documents")]
