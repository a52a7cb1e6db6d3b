"""No committed edit is ever lost when the engine or Redis goes down.

Real processes over real HTTP: the ASGI server and a Celery worker (with its
beat sweep) pointed at a private OpenSearch node or a private Redis, which
the test stops and restarts. The shared services are never touched.
"""

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from celery import Celery
from django.conf import settings

from core.catalog.services import catalog_data, catalog_load
from core.listings.demo import listings_seed_demo
from core.listings.models import Listing
from core.outbox.services import BROKER_BACKOFF_SECONDS
from indexer.documents import INDEXED_STATUSES
from indexer.tests.sellers import Seller, Writer
from scripts.processes import ROOT, OpenSearchProcess, PostgresProcess, RedisProcess, WebProcess, WorkerProcess
from search.index import listings_alias
from testing.processes import wait_until, worker_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.faults]


def edit_while_down(seller: Seller, ids: list[int], *, pause: float = 0) -> dict[int, str]:
    """Rounds of edits, all listings at once (the last one after `pause` seconds),
    and two new listings; every write must answer 2xx."""
    expected = {}
    with ThreadPoolExecutor(max_workers=len(ids)) as writers:
        for round_ in range(1, 5):
            if round_ == 4:
                time.sleep(pause)
            prices = {listing_id: f"{10000 + round_ * 100 + listing_id % 97}.500" for listing_id in ids}
            list(writers.map(lambda edit: seller.set_price(*edit), prices.items()))
            expected.update(prices)
    for n in range(2):
        expected[seller.create(100 + n)] = "10000.000"
    return expected


def outage(down, service, env, tmp_path, *, search_while_down: int, pause: float = 0) -> str:  # type: ignore[no-untyped-def]
    """Listings indexed; `service` stopped; edits (all 2xx); restarted; every edit searchable.
    Returns the web server's log."""
    web, worker = WebProcess(env, tmp_path).start(), WorkerProcess(env, tmp_path).start()
    try:
        seller = Seller(web.url)
        ids = [seller.create(n) for n in range(5)]
        wait_until(lambda: len(seller.searchable_prices()) == 5, timeout=30, message="the first listings searchable")

        service.stop()
        expected = edit_while_down(seller, ids, pause=pause)
        while_down = seller.search()
        assert while_down.status_code == search_while_down, while_down.text

        service.start()
        restarted = time.monotonic()
        wait_until(lambda: seller.searchable_prices() == expected, timeout=60, message="every edit searchable after the restart")
        print(f"{down} restart → all edits searchable in {time.monotonic() - restarted:.1f}s")
    finally:
        worker.stop()
        web.stop()
        service.stop()
    return web.log.read_text()


def test_engine_down_loses_no_edit(tmp_path):
    engine = OpenSearchProcess(tmp_path).start()
    # Search answers 503 while the engine is down; every write still succeeds.
    outage("engine", engine, worker_env(SEARCH_URL=engine.url), tmp_path, search_while_down=503)


def test_redis_down_loses_no_edit(tmp_path, fresh_index):
    redis = RedisProcess(tmp_path).start()
    # Search does not need Redis; writes wait in the outbox for the broker.
    # The last edits come after the broker back-off: writers must not all try the dead broker again.
    pause = BROKER_BACKOFF_SECONDS + 0.5
    web_log = outage("redis", redis, worker_env(REDIS_URL=redis.url), tmp_path, search_while_down=200, pause=pause)
    # Five writers at a time, yet the dead broker was asked once per back-off,
    # from a background thread, never from a request (core/outbox/services.py).
    assert web_log.count("outbox.relay_request_failed") <= 3


def hold_an_unacknowledged_task(broker_url: str) -> None:
    """A task due in a minute: the worker reserves it at once and holds it
    unacknowledged (acks_late), as it holds in-flight relays under load."""
    app = Celery(broker=broker_url, set_as_current=False)
    app.send_task("indexer.relay_outbox", countdown=60, queue=settings.SAYARA_INSTANCE)
    app.close()


def test_redis_outages_under_write_load_keep_the_worker(tmp_path, fresh_index):
    redis = RedisProcess(tmp_path).start()
    env = worker_env(REDIS_URL=redis.url)
    web, worker = WebProcess(env, tmp_path).start(), WorkerProcess(env, tmp_path).start()
    try:
        seller = Seller(web.url)
        ids = [seller.create(n) for n in range(5)]
        wait_until(lambda: len(seller.searchable_prices()) == 5, timeout=30, message="the first listings searchable")
        writer = Writer(seller, ids)
        writer.start()
        for _ in range(3):
            hold_an_unacknowledged_task(redis.url)
            connects = worker.log.read_bytes().count(b"Connected to ")
            time.sleep(1)
            redis.stop()
            time.sleep(1.5)
            redis.start()
            wait_until(
                lambda: worker.proc.poll() is not None or worker.log.read_bytes().count(b"Connected to ") > connects,
                timeout=30,
                message="the worker back on the broker",
            )
        expected = writer.stop()
        assert not writer.refused, writer.refused[:5]
        assert worker.proc.poll() is None, worker.log.read_text()[-3000:]
        wait_until(lambda: seller.searchable_prices() == expected, timeout=60, message="every edit searchable")
    finally:
        worker.stop()
        web.stop()
        redis.stop()


def copy_test_database(pg: PostgresProcess) -> str:
    """The test database (catalog, the seller's account) copied into a private node."""
    name = settings.DATABASES["default"]["NAME"]
    pg.psql(
        f"CREATE ROLE \"{settings.DATABASES['default']['USER']}\" LOGIN SUPERUSER PASSWORD '{settings.DATABASES['default']['PASSWORD']}'"
    )
    pg.psql(f'CREATE DATABASE "{name}"')
    db = settings.DATABASES["default"]
    dump = subprocess.run(
        ["pg_dump", "-h", db["HOST"], "-p", str(db["PORT"]), "-U", "postgres", "--no-owner", "-d", name],
        check=True,
        capture_output=True,
    ).stdout
    pg.psql("", database=name, stdin=dump)
    return name


def database_prices(pg: PostgresProcess, database: str, ids: list[int]) -> dict[int, str]:
    rows = pg.psql(f"SELECT id, price FROM listings_listing WHERE id IN ({','.join(map(str, ids))})", database=database)
    return {int(line.split("|")[0]): line.split("|")[1] for line in rows.splitlines()}


def test_postgres_crashes_lose_no_acknowledged_edit(tmp_path, fresh_index):
    """Immediate stops (no checkpoint, no flush) while a seller edits: every
    edit the API acknowledged survives, the index settles on the database's
    state, the next edits reach the index and reconcile finds nothing to do."""
    seller = Seller("")  # its account goes into the copy
    pg = PostgresProcess(tmp_path).start()  # configured as the dev node: durable commits
    try:
        database = copy_test_database(pg)
        env = worker_env(POSTGRES_PORT=str(pg.port))
        web, worker = WebProcess(env, tmp_path).start(), WorkerProcess(env, tmp_path).start()
        try:
            seller.url = web.url
            ids = [seller.create(n) for n in range(8)]
            for _ in range(3):
                # Each listing edited by one writer, in order; the crash ends the round.
                writers = [Writer(seller, ids[n::4]) for n in range(4)]
                for writer in writers:
                    writer.start()
                time.sleep(1.5)
                pg.crash()
                acknowledged = {i: price for writer in writers for i, price in writer.stop().items()}
                unanswered = {i: prices for writer in writers for i, prices in writer.unanswered.items()}
                assert sum(writer.writes for writer in writers) > 10
                pg.start()
                kept = database_prices(pg, database, ids)
                lost = {i: (acknowledged[i], kept[i]) for i in acknowledged if kept[i] not in [acknowledged[i], *unanswered[i]]}
                assert not lost, f"acknowledged edits lost (acknowledged, kept): {lost}"
            wait_until(lambda: seller.searchable_prices() == kept, timeout=30, message="the index settled on the database")

            final = {listing_id: f"{30000 + n}.000" for n, listing_id in enumerate(ids)}
            for listing_id, price in final.items():
                seller.set_price(listing_id, price)
            wait_until(lambda: seller.searchable_prices() == final, timeout=30, message="the next edits searchable")
            report = subprocess.run(
                [sys.executable, "manage.py", "reconcile"], cwd=ROOT, env=env, check=True, capture_output=True
            ).stdout
            assert json.loads(report)["drift"] == 0
        finally:
            worker.stop()
            web.stop()
    finally:
        pg.remove()


def _reindex(env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "reindex", "--no-progress", "--json", "--batch-size", "100"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _indexed_so_far(url: str, alias: str, serving: list[str]) -> int:
    """How many documents a rebuild wrote into an index that is not yet served."""
    stats = requests.get(f"{url}/{alias}-*/_stats/indexing", timeout=5).json().get("indices", {})
    return max((i["primaries"]["indexing"]["index_total"] for name, i in stats.items() if name not in serving), default=0)


def test_an_engine_killed_mid_rebuild_leaves_the_served_index_whole_and_a_rerun_heals(tmp_path):
    """The rebuild writes its new index with a background-synced translog: SIGKILL the
    engine while it streams, and buyers keep the old index, whole, once the engine is back;
    the next rebuild deletes what the dead one left and swaps in a complete index."""
    catalog_load(catalog_data())
    listings_seed_demo(count=3000, seed=5)
    expected = Listing.objects.filter(status__in=INDEXED_STATUSES).count()
    alias = listings_alias()
    engine = OpenSearchProcess(tmp_path).start()
    env = worker_env(SEARCH_URL=engine.url)
    try:
        first = _reindex(env)
        assert first.wait(timeout=300) == 0, first.stderr.read()
        served = requests.get(f"{engine.url}/_alias/{alias}", timeout=5).json()
        [old] = served

        dying = _reindex(env)
        wait_until(lambda: _indexed_so_far(engine.url, alias, [old]) >= 300, timeout=120, interval=0.1, message="mid-build")
        engine.kill()
        assert dying.wait(timeout=300) != 0
        engine.start()

        assert list(requests.get(f"{engine.url}/_alias/{alias}", timeout=5).json()) == [old]
        assert requests.get(f"{engine.url}/{alias}/_count", timeout=5).json()["count"] == expected
        [left] = [
            name for name in requests.get(f"{engine.url}/_cat/indices/{alias}-*?h=index", timeout=5).text.split() if name != old
        ]

        rerun = _reindex(env)
        assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
        report = json.loads(rerun.stdout.read())
        assert report["leftovers"] == [left] and report["previous"] == [old]
        assert list(requests.get(f"{engine.url}/_alias/{alias}", timeout=5).json()) == [report["index"]]
        assert requests.get(f"{engine.url}/_cat/indices/{alias}-*?h=index", timeout=5).text.split() == [report["index"]]
        assert requests.get(f"{engine.url}/{alias}/_count", timeout=5).json()["count"] == expected == report["streamed"]
    finally:
        engine.stop()
