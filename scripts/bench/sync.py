"""`make bench` arm "sync": edit → searchable. Four sellers' threads edit prices
through the service (core/listings/services.py) with a real Celery worker
relaying; each edit is timed from its commit to the first search that finds
its version (polled every 50 ms). Guarantee 3 (ARCHITECTURE.md): p95 ≤ the
refresh interval + 500 ms.
"""

import random
import threading
import time

from django.conf import settings
from django.db import connection

from core.listings import services
from core.listings.models import Listing
from scripts.bench.context import Bench
from scripts.bench.figures import summary
from search.engine import get_engine
from search.index import listings_alias

POLL_SECONDS = 0.05


def searchable_body(listing_id: int, version: int) -> dict:
    return {"size": 0, "query": {"bool": {"filter": [{"term": {"id": listing_id}}, {"range": {"version": {"gte": version}}}]}}}


def wait_searchable(listing_id: int, version: int, committed: float, *, limit: float = 30) -> float:
    """Milliseconds from `committed` until the index answers with `version` (or newer)."""
    engine = get_engine()
    while engine.search(listings_alias(), searchable_body(listing_id, version))["hits"]["total"]["value"] == 0:
        if time.perf_counter() - committed > limit:
            raise RuntimeError(f"listing {listing_id} not searchable after {limit}s")
        time.sleep(POLL_SECONDS)
    return (time.perf_counter() - committed) * 1000


def run(bench: Bench, threads: int = 4) -> dict:
    ids = list(Listing.objects.filter(status="active").values_list("pk", flat=True)[:5000])
    rng = random.Random(5)
    latencies: list[float] = []
    lock = threading.Lock()

    def seller(chunk: list[int]) -> None:
        try:
            for listing_id in chunk:
                listing = services.listing_update(listing_id=listing_id, data={"price": str(rng.randint(1000, 90000))})
                took = wait_searchable(listing_id, listing.version, time.perf_counter())
                with lock:
                    latencies.append(took)
        finally:
            connection.close()

    picks = rng.sample(ids, bench.args.edits)
    with bench.workers(1):
        pool = [threading.Thread(target=seller, args=(picks[n::threads],)) for n in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    return {
        **summary(latencies),
        "refresh_interval": settings.SEARCH_REFRESH_INTERVAL,
        "poll_ms": POLL_SECONDS * 1000,
        "target": "p95 <= 1500 ms",
    }
