"""`make bench` arm "load": buyers searching while sellers edit, measured as
buyers wait.

- Open loop: searches start at a fixed rate (`--rate`, 50/s) whatever the
  answers' speed, each timed from its SCHEDULED start, so a queue building up
  in the client, the server or the engine counts in full (a thread that starts
  late would hide it).
- The realistic mix (scripts/bench/mix.py): random filter combinations, texts,
  sorts and pages, never the same search twice.
- Sellers edit prices at `--edit-rate` (5/s) meanwhile, through the service,
  relayed by a real worker: refreshes keep invalidating the engine's caches,
  as on the live site. Each edit is also timed from its commit until search
  finds it (under this load).
- The engine's request and query cache hits and misses during the run.
"""

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from django.db import connection

from core.listings import services
from core.listings.models import Listing
from scripts.bench.context import Bench, cache_ratios, engine_stats, log
from scripts.bench.figures import summary
from scripts.bench.mix import RealisticMix
from scripts.bench.sync import POLL_SECONDS
from search.engine import get_engine
from search.index import listings_alias

WARM_UP = 100
CLIENT_THREADS = 64


class Editor(threading.Thread):
    """Edits prices at a fixed rate; a second thread times each edit until search finds it."""

    def __init__(self, rate: float, seconds: float) -> None:
        super().__init__(name="editor", daemon=True)
        self.rate, self.seconds = rate, seconds
        self.ids = list(Listing.objects.filter(status="active").values_list("pk", flat=True)[:20000])
        self.rng = random.Random(31)
        self.commit_ms: list[float] = []
        self.searchable_ms: list[float] = []
        self.errors: list[str] = []
        self.pending: dict[int, tuple[int, float]] = {}
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.checker = threading.Thread(target=self._check, name="edit-checker", daemon=True)

    def run(self) -> None:
        self.checker.start()
        start = time.perf_counter()
        try:
            for n in range(int(self.rate * self.seconds)):
                delay = start + n / self.rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                listing_id = self.rng.choice(self.ids)
                began = time.perf_counter()
                try:
                    listing = services.listing_update(listing_id=listing_id, data={"price": str(self.rng.randint(1000, 90000))})
                except Exception as exc:  # noqa: BLE001 - a failed edit is a figure of the run, not its end
                    self.errors.append(repr(exc))
                    continue
                committed = time.perf_counter()
                self.commit_ms.append((committed - began) * 1000)
                with self.lock:
                    self.pending[listing_id] = (listing.version, committed)
        finally:
            connection.close()
            self.done.set()

    def _check(self) -> None:
        """One search every 50 ms for every edit not yet found."""
        engine = get_engine()
        deadline = None
        while True:
            with self.lock:
                pending = dict(self.pending)
            if self.done.is_set():
                deadline = deadline or time.perf_counter() + 30
                if not pending or time.perf_counter() > deadline:
                    return
            if pending:
                should = [
                    {"bool": {"filter": [{"term": {"id": i}}, {"range": {"version": {"gte": v}}}]}}
                    for i, (v, _) in pending.items()
                ]
                body = {"size": len(should), "_source": ["id"], "query": {"bool": {"should": should, "minimum_should_match": 1}}}
                found = [int(hit["_source"]["id"]) for hit in engine.search(listings_alias(), body)["hits"]["hits"]]
                now = time.perf_counter()
                with self.lock:
                    for listing_id in found:
                        version, committed = self.pending.pop(listing_id, (0, now))
                        if version:
                            self.searchable_ms.append((now - committed) * 1000)
            time.sleep(POLL_SECONDS)


def run(bench: Bench) -> dict:
    rate, seconds = bench.args.rate, bench.args.seconds
    total = int(rate * seconds)
    mix = RealisticMix(seed=9)
    warm, timed = mix.take(WARM_UP), mix.take(total)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    local = threading.local()

    with bench.workers(1), bench.web() as web:
        url = f"{web.url}/api/v1/search/listings"
        with requests.Session() as http:
            for params in warm:  # the processes' own warm-up (imports, vocabularies), not the engine's caches
                http.get(url, params=params, timeout=30)

        def fire(params: list[tuple[str, str]], scheduled: float) -> None:
            http = getattr(local, "http", None) or requests.Session()
            local.http = http
            try:
                outcome = str(http.get(url, params=params, timeout=30).status_code)
            except requests.RequestException as exc:
                outcome = exc.__class__.__name__
            elapsed = (time.perf_counter() - scheduled) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[outcome] = statuses.get(outcome, 0) + 1

        editor = Editor(bench.args.edit_rate, seconds)
        before = engine_stats(listings_alias())
        log(f"load: {rate}/s for {seconds}s, {bench.args.edit_rate} edits/s")
        start = time.perf_counter()
        editor.start()
        with ThreadPoolExecutor(max_workers=CLIENT_THREADS) as pool:
            for n, params in enumerate(timed):
                scheduled = start + n / rate
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                pool.submit(fire, params, scheduled)
        sent_in = time.perf_counter() - start
        after = engine_stats(listings_alias())
        editor.join()
        editor.checker.join()
    errors = sum(count for status, count in statuses.items() if status != "200")
    return {
        "searches": {**summary(latencies), "timed_from": "each request's scheduled start"},
        "target_rate_rps": rate,
        "achieved_rate_rps": round(total / sent_in, 1),
        "statuses": statuses,
        "errors": errors,
        "distinct_searches": len({tuple(sorted(p)) for p in timed}),
        "edits": {
            "rate_per_s": bench.args.edit_rate,
            "done": len(editor.commit_ms),
            "errors": len(editor.errors),
            "commit": summary(editor.commit_ms) if editor.commit_ms else None,
            "edit_to_searchable": summary(editor.searchable_ms) if editor.searchable_ms else None,
            "never_found_in_30s": len(editor.pending),
        },
        "engine_caches": cache_ratios(before, after),
        "target": "p95 <= 100 ms at 50 requests/s with 5 edits/s, no errors; edit to searchable p95 <= 1500 ms",
    }
