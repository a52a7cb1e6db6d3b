"""No committed edit is ever lost when the engine or Redis goes down.

Real processes over real HTTP: the ASGI server and a Celery worker (with its
beat sweep) pointed at a private OpenSearch node or a private Redis, which
the test stops and restarts. The shared services are never touched.
"""

import itertools
import json
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from celery import Celery
from django.conf import settings
from rest_framework.authtoken.models import Token

from core.outbox.services import BROKER_BACKOFF_SECONDS
from scripts.processes import ROOT, OpenSearchProcess, PostgresProcess, RedisProcess, WebProcess, WorkerProcess
from testing.accounts import UserFactory
from testing.browser import Browser
from testing.catalog import toyota_land_cruiser
from testing.listings import listing_data
from testing.processes import wait_until, worker_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.faults]

TIMEOUT = 15  # seconds any single request may take: a write must never hang on a dead service


class Seller:
    def __init__(self, url: str) -> None:
        self.url = url
        self.token = Token.objects.create(user=UserFactory()).key
        self.sessions = threading.local()  # one HTTP session per thread: writers run side by side
        self.word = "zq" + uuid.uuid4().hex[:8]
        self.car = toyota_land_cruiser()

    @property
    def http(self) -> Browser:
        if not hasattr(self.sessions, "browser"):
            self.sessions.browser = Browser(self.url, token=self.token)
        return self.sessions.browser

    def create(self, n: int) -> int:
        data = listing_data(self.car, description=f"{self.word} car {n}", price="10000")
        answer = self.http.post("/api/v1/listings", data, timeout=TIMEOUT)
        assert answer.status_code == 201, answer.text
        return answer.json()["id"]

    def set_price(self, listing_id: int, price: str) -> None:
        answer = self.http.patch(f"/api/v1/listings/{listing_id}", {"price": price}, timeout=TIMEOUT)
        assert answer.status_code == 200, answer.text

    def search(self) -> requests.Response:
        return self.http.get("/api/v1/search/listings", params={"q": self.word, "page_size": 100}, timeout=TIMEOUT)

    def searchable_prices(self) -> dict[int, str]:
        answer = self.search()
        return {hit["id"]: hit["price"] for hit in answer.json()["results"]} if answer.ok else {}


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


class Writer(threading.Thread):
    """Edits prices over HTTP until stopped. Remembers, per listing, the last
    price the API acknowledged and the prices tried since (a write whose answer
    was lost may or may not have committed)."""

    prices = itertools.count(20000)  # every price written in a run is a new one

    def __init__(self, seller: Seller, ids: list[int]) -> None:
        super().__init__(daemon=True)
        self.seller, self.ids = seller, ids
        self.acknowledged: dict[int, str] = {}
        self.unanswered: dict[int, list[str]] = {listing_id: [] for listing_id in ids}
        self.refused: list[str] = []
        self.stopping = threading.Event()
        self.writes = 0

    def run(self) -> None:
        n = 0
        while not self.stopping.is_set():
            listing_id = self.ids[n % len(self.ids)]
            price = f"{next(self.prices)}.000"
            n += 1
            try:
                answer = self.seller.http.patch(f"/api/v1/listings/{listing_id}", {"price": price}, timeout=TIMEOUT)
            except requests.RequestException as exc:
                answer, detail = None, repr(exc)
            if answer is not None and answer.status_code == 200:
                self.acknowledged[listing_id] = price
                self.unanswered[listing_id] = []
                self.writes += 1
            else:
                self.unanswered[listing_id].append(price)
                self.refused.append(f"{answer.status_code} {answer.text[:200]}" if answer is not None else detail)
                time.sleep(0.05)

    def stop(self) -> dict[int, str]:
        self.stopping.set()
        self.join(timeout=TIMEOUT * 2)
        assert not self.is_alive(), "the writer hung"
        return self.acknowledged


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
