"""Zero-downtime rebuild while a seller keeps editing and buyers keep searching."""

import random
import threading

import pytest
from django.conf import settings
from django.db import connection, connections

from core.catalog.services import catalog_data, catalog_load
from core.listings import services
from core.listings.demo import listings_seed_demo
from core.listings.models import Listing
from core.outbox.models import OutboxEntry
from indexer.rebuild import REBUILD_LOCK, RebuildFailed, rebuild_index
from indexer.reconcile import reconcile_index
from search.engine import get_engine
from search.listings import listings_search
from search.params import SearchRequest
from testing.processes import wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


class Loop(threading.Thread):
    """Runs `step` until stopped, collecting what went wrong."""

    def __init__(self, step):  # type: ignore[no-untyped-def]
        super().__init__(daemon=True)
        self.step, self.stopped, self.problems, self.rounds = step, threading.Event(), [], 0

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                try:
                    self.step()
                except Exception as exc:  # noqa: BLE001 - the test reports whatever broke
                    self.problems.append(repr(exc))
                self.rounds += 1
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=30)


def test_rebuild_while_a_writer_edits_and_buyers_search(celery_worker, fresh_index):
    catalog_load(catalog_data())
    listings_seed_demo(count=3000, seed=11)
    wait_until(lambda: not OutboxEntry.objects.exists(), timeout=120, interval=0.5, message="the seeded listings indexed")
    get_engine().refresh(fresh_index)
    ids = list(Listing.objects.filter(status="active").values_list("pk", flat=True))
    rng = random.Random(3)

    def edit() -> None:
        listing_id = rng.choice(ids)
        services.listing_update(listing_id=listing_id, data={"price": str(rng.randint(1000, 90000))})

    def search() -> None:
        result = listings_search(SearchRequest())
        if result.count == 0:
            raise AssertionError("an empty search answer")

    writer, buyer = Loop(edit), Loop(search)
    writer.start()
    buyer.start()
    report = rebuild_index(batch_size=500, progress=False)
    wait_until(lambda: writer.rounds > report.streamed // 100, timeout=10, message="edits after the swap")
    writer.stop()
    buyer.stop()

    assert writer.problems == [] and writer.rounds > 50
    assert buyer.problems == [] and buyer.rounds > 10
    assert get_engine().indices_for_alias(fresh_index) == [report.index]
    assert not any(get_engine().index_exists(old) for old in report.previous)
    assert report.failed == 0
    assert report.streamed == Listing.objects.filter(status__in=["active", "sold", "expired"]).count()
    wait_until(lambda: not OutboxEntry.objects.exists(), timeout=30, message="the last edits relayed")
    assert reconcile_index(dry_run=True).drift == 0, "every edit made during the rebuild is in the new index"
    # Built without refresh or replicas and with a background-synced translog; served as any index.
    served = get_engine().client.indices.get_settings(index=report.index, flat_settings=True)[report.index]["settings"]
    assert served["index.translog.durability"] == "request"
    assert served["index.refresh_interval"] == settings.SEARCH_REFRESH_INTERVAL
    assert served["index.number_of_replicas"] == str(report.replicas)


def test_a_second_rebuild_refuses_while_one_runs(fresh_index):
    """One rebuild at a time: a second would delete the first one's index as a leftover."""
    before = get_engine().indices_for_alias(fresh_index)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [REBUILD_LOCK])
        with pytest.raises(RebuildFailed, match="another rebuild is running"):
            rebuild_index(progress=False)
        assert get_engine().indices_for_alias(fresh_index) == before
    finally:
        other.close()
    assert rebuild_index(progress=False).failed == 0  # the lock went with the other session
