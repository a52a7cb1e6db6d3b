"""`make bench` arm "relay": how many edits a second the outbox relay carries
to the index, end to end, with 1, 2 and 4 Celery workers relaying at once.

Each round: the workers are up and idle; a backlog of edits is committed at
once (listing_resend: a new version for each listing and its outbox row, in
one transaction, as reconciliation or a bulk import does); the bench asks for
one relay per worker (as that many web processes would, each on its own
commit); the clock stops when the outbox is empty (relayed) and when search
finds every new version (searchable: the refresh after the last write). The
workers claim batches with FOR UPDATE SKIP LOCKED, so they never send the same
row twice at once (docs/decisions/index-sync.md, "Relay").
"""

import time

from celery import current_app
from django.db import connection

from core.listings.models import Listing
from core.listings.services import listing_resend
from core.listings.versions import clock_version
from core.outbox.models import OutboxEntry
from core.outbox.services import RELAY_TASK
from scripts.bench.context import Bench, log
from search.engine import get_engine
from search.index import listings_alias

WORKER_COUNTS = (1, 2, 4)


def _wait(check, limit: float) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    while not check():
        if time.perf_counter() - began > limit:
            raise RuntimeError("the relay did not finish in time")
        time.sleep(0.02)
    return time.perf_counter()


def run(bench: Bench) -> dict:
    edits = min(bench.args.relay_edits, Listing.objects.filter(status="active").count())
    ids = list(Listing.objects.filter(status="active").order_by("?").values_list("pk", flat=True)[:edits])
    engine = get_engine()
    out: dict = {"edits_per_round": edits}
    for count in WORKER_COUNTS:
        # One process each: "workers" here are separate Celery workers, as separate machines would run them.
        with bench.workers(count, concurrency=1):
            OutboxEntry.objects.all().delete()
            lowest = clock_version()  # every new version is at least this (core/listings/versions.py)
            before = time.perf_counter()
            listing_resend(index_versions=dict.fromkeys(ids, 0))
            committed = time.perf_counter()
            for _ in range(count):
                current_app.send_task(RELAY_TASK)
            relayed = _wait(lambda: not OutboxEntry.objects.exists(), 600)
            body = {"size": 0, "track_total_hits": True, "query": {"bool": {"filter": [{"range": {"version": {"gte": lowest}}}]}}}
            searchable = _wait(lambda b=body: engine.search(listings_alias(), b)["hits"]["total"]["value"] >= edits, 120)
        relay_s, end_s = relayed - committed, searchable - committed
        out[f"workers_{count}"] = {
            "commit_seconds": round(committed - before, 2),
            "relayed_seconds": round(relay_s, 2),
            "searchable_seconds": round(end_s, 2),
            "relayed_edits_per_s": round(edits / relay_s),
            "end_to_end_edits_per_s": round(edits / end_s),
        }
        log(f"relay: {count} worker(s): {out[f'workers_{count}']}")
    connection.close()
    base = out["workers_1"]["end_to_end_edits_per_s"]
    out["speedup"] = {f"workers_{c}": round(out[f"workers_{c}"]["end_to_end_edits_per_s"] / base, 2) for c in WORKER_COUNTS}
    out["note"] = "each worker process relays one batch of 500 at a time; the engine and PostgreSQL share the machine's cores"
    return out
