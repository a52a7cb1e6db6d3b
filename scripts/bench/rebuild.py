"""`make bench` arm "rebuild": the zero-downtime rebuild (manage.py reindex,
indexer/rebuild.py) end to end, beside its baseline in the same run: the same
documents prebuilt as NDJSON and replayed straight into `_bulk` (the engine's
own indexing speed, with nothing of ours in the way).
"""

import resource
import time
from concurrent.futures import ThreadPoolExecutor

import orjson
import requests
from django.conf import settings

from core.listings.selectors import listing_index_rows_all
from core.outbox.models import OutboxEntry
from indexer.documents import INDEXED_STATUSES, listing_document
from indexer.index_admin import ensure_listings_index, listings_layout
from indexer.rebuild import REBUILD_TIMEOUT_SECONDS, building_body, rebuild_index
from scripts.bench.context import Bench, log
from search.engine import get_engine
from search.index import listings_alias

BATCH_LINES = 2000


def _ndjson_batches() -> list[bytes]:
    batches, lines = [], []
    for row in listing_index_rows_all(chunk_size=2000):
        if row["status"] not in INDEXED_STATUSES:
            continue
        lines.append(orjson.dumps({"index": {"_id": str(row["id"]), "version": row["version"], "version_type": "external"}}))
        lines.append(orjson.dumps(listing_document(row)))
        if len(lines) >= BATCH_LINES:
            batches.append(b"\n".join(lines) + b"\n")
            lines = []
    if lines:
        batches.append(b"\n".join(lines) + b"\n")
    return batches


def _cpu_seconds() -> float:
    """This process's CPU time, its threads included: what our side of a rebuild costs,
    which a busy shared machine stretches less than the wall-clock rate."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(bench: Bench) -> dict:
    OutboxEntry.objects.all().delete()  # the rebuild is the whole truth; no relay runs here
    ensure_listings_index()
    log("rebuild (manage.py reindex path)")
    cpu_before = _cpu_seconds()
    report = rebuild_index(batch_size=1000, progress=False)
    rebuild_cpu = _cpu_seconds() - cpu_before
    log(f"rebuild: {report.streamed:,} docs in {report.seconds:.1f}s")

    log("baseline: the same documents as prebuilt NDJSON through _bulk")
    batches = _ndjson_batches()
    scratch = f"{listings_alias()}-ndjson-baseline"
    engine = get_engine(timeout=REBUILD_TIMEOUT_SECONDS)
    engine.delete_index(scratch)
    engine.create_index(scratch, building_body(listings_layout()))  # the rebuild's own settings
    http = requests.Session()
    host = settings.SEARCH_URL.split(",")[0].strip()
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(
                lambda body: http.post(
                    f"{host}/{scratch}/_bulk", data=body, headers={"Content-Type": "application/x-ndjson"}, timeout=300
                ).raise_for_status(),
                batches,
            )
        )
    engine.refresh(scratch)
    seconds = time.monotonic() - began
    replayed = engine.count(scratch)
    engine.delete_index(scratch)
    rebuild_rate = report.streamed / report.seconds
    baseline_rate = replayed / seconds
    stats = engine.stats(listings_alias())
    return {
        "documents": report.streamed,
        "shards": report.shards,
        "replicas": report.replicas,
        "index_mb": round(stats.size_bytes / 2**20, 1),
        "rebuild_seconds": round(report.seconds, 2),
        "rebuild_docs_per_s": round(rebuild_rate),
        "ndjson_bulk_seconds": round(seconds, 2),
        "ndjson_bulk_docs_per_s": round(baseline_rate),
        "rebuild_vs_ndjson": round(rebuild_rate / baseline_rate, 3),
        "rebuild_client_cpu_seconds": round(rebuild_cpu, 2),
        "rebuild_client_cpu_us_per_doc": round(1e6 * rebuild_cpu / max(report.streamed, 1), 1),
        "targets": "rebuild >= 7000 docs/s at 1M and >= 0.5 x NDJSON replay",
    }
