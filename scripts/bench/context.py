"""What every arm of `make bench` is given (scripts/bench/run.py): the
arguments, the environment for the processes it starts, a folder for their
logs, and helpers that start the stack's real processes with their memory
watched. An arm is a function `run(bench) -> dict` in its own module.
"""

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from django.db import connection

from scripts.bench.memory import MemoryWatch
from scripts.processes import WebProcess, WorkerProcess

RESULTS = Path(settings.STATE_DIR) / "bench"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def load_average() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages (it is shared: figures need them beside)."""
    return [round(value, 2) for value in os.getloadavg()]


@dataclass
class Bench:
    args: argparse.Namespace
    env: dict[str, str]
    logs: Path
    memory: MemoryWatch = field(default_factory=MemoryWatch)

    @property
    def listings(self) -> int:
        return int(self.args.listings)

    @contextlib.contextmanager
    def web(self, *, name: str = "web", workers: int = 2, **env: str) -> Iterator[WebProcess]:
        """The ASGI server with `workers` processes (two, as production runs on two cores)."""
        process = WebProcess({**self.env, **env}, self.logs, name=name, workers=workers).start()
        assert process.proc is not None
        self.memory.watch_tree("web worker", process.proc.pid, parent_role="web supervisor (uvicorn)")
        try:
            yield process
        finally:
            self.memory.sample()
            process.stop()

    @contextlib.contextmanager
    def workers(self, count: int = 1, *, concurrency: int = 2, **env: str) -> Iterator[list[WorkerProcess]]:
        """`count` Celery workers on the bench queue; the first runs the beat (one beat in all)."""
        started: list[WorkerProcess] = []
        try:
            for n in range(count):
                worker = WorkerProcess(
                    {**self.env, **env}, self.logs, name=f"worker-{n}", concurrency=concurrency, beat=n == 0
                ).start()
                assert worker.proc is not None
                self.memory.watch_tree("celery worker", worker.proc.pid)
                started.append(worker)
            yield started
        finally:
            self.memory.sample()
            for worker in started:
                worker.stop()


def engine_stats(alias: str) -> dict[str, Any]:
    """The engine's cache counters for the listings index (its request and query caches)."""
    answer = requests.get(
        f"{settings.SEARCH_URL.split(',')[0].strip()}/{alias}/_stats/request_cache,query_cache", timeout=30
    ).json()
    total = answer["_all"]["total"]
    return {
        "request_cache": {k: total["request_cache"][k] for k in ("hit_count", "miss_count", "evictions")},
        "query_cache": {k: total["query_cache"][k] for k in ("hit_count", "miss_count", "evictions")},
    }


def cache_ratios(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for cache, counters in after.items():
        hits = counters["hit_count"] - before[cache]["hit_count"]
        misses = counters["miss_count"] - before[cache]["miss_count"]
        out[cache] = {
            "hits": hits,
            "misses": misses,
            "hit_ratio": round(hits / (hits + misses), 3) if hits + misses else None,
            "evictions": counters["evictions"] - before[cache]["evictions"],
        }
    return out


def ensure_dataset(count: int, seed_listings: Callable[[int], None]) -> dict[str, Any]:
    """`count` listings in the bench database, seeded once; returns how long seeding took
    (remembered beside the results when the data set is reused)."""
    from core.listings.models import Listing

    record = RESULTS / f"dataset-{settings.SAYARA_INSTANCE}.json"
    have = Listing.objects.count()
    if have == count and record.exists():
        known = json.loads(record.read_text())
        if known.get("listings") == count:
            log(f"reusing {count:,} listings in {settings.DATABASES['default']['NAME']}")
            return {**known, "reused": True}
    log(f"seeding {count:,} listings (had {have:,})")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE listings_listingphoto, listings_listing, outbox_outboxentry RESTART IDENTITY CASCADE")
    began = time.monotonic()
    seed_listings(count)
    seeded = time.monotonic() - began
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE listings_listing")
        cursor.execute("SELECT pg_total_relation_size('listings_listing')")
        table_bytes = cursor.fetchone()[0]
    figures = {
        "listings": count,
        "seed_seconds": round(seeded, 1),
        "seed_listings_per_s": round(count / seeded),
        "table_with_indexes_mb": round(table_bytes / 2**20),
        "load_average": load_average(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(figures))
    log(f"seeded in {seeded:.1f}s")
    return {**figures, "reused": False}
