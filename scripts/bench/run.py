"""`make bench`: Sayara's figures, each beside a baseline measured in the same run.

    scripts/bench.sh                 100,000 listings
    scripts/bench.sh --listings 1000000
    scripts/bench.sh --only search   (rebuild, search, facets, sync, load, understanding, recommendations, photos, broker, chat)

Prints a table and saves JSON to .state/bench/ (latest.json and a dated copy).
A benchmark measures; it asserts nothing (the targets are printed beside the figures).
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
django.setup()

import requests  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from core.catalog.enums import enum_allowed_values  # noqa: E402
from core.listings import services  # noqa: E402
from core.listings.demo import listings_seed_demo  # noqa: E402
from core.listings.models import Listing  # noqa: E402
from core.listings.selectors import listing_index_rows_all  # noqa: E402
from core.outbox.models import OutboxEntry  # noqa: E402
from indexer.documents import INDEXED_STATUSES, listing_document  # noqa: E402
from indexer.index_admin import ensure_listings_index, listings_body  # noqa: E402
from indexer.rebuild import rebuild_index  # noqa: E402
from scripts.bench.broker import bench_broker_outage  # noqa: E402
from scripts.bench.chat import bench_chat  # noqa: E402
from scripts.bench.figures import summary  # noqa: E402
from scripts.bench.lighthouse import bench_lighthouse  # noqa: E402
from scripts.bench.photos import bench_photos  # noqa: E402
from scripts.bench.recommendations import bench_recommendations  # noqa: E402
from scripts.bench.understanding import bench_understanding  # noqa: E402
from scripts.processes import WebProcess, WorkerProcess  # noqa: E402
from search.engine import get_engine  # noqa: E402
from search.engines.base import msearch_lines  # noqa: E402
from search.index import listings_alias  # noqa: E402
from search.params import parse_search_params  # noqa: E402
from search.query import search_body, split_body  # noqa: E402

RESULTS = Path(settings.STATE_DIR) / "bench"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- the data set ------------------------------------------------------------------------


def ensure_dataset(count: int) -> None:
    have = Listing.objects.count()
    if have == count:
        log(f"reusing {count:,} listings in {settings.DATABASES['default']['NAME']}")
        return
    log(f"seeding {count:,} listings (had {have:,})")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE listings_listingphoto, listings_listing, outbox_outboxentry RESTART IDENTITY CASCADE")
    began = time.monotonic()
    listings_seed_demo(count=count, seed=2026)
    log(f"seeded in {time.monotonic() - began:.1f}s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE listings_listing")


# --- rebuild: end to end vs replaying prebuilt NDJSON ---------------------------------------


def bench_rebuild() -> dict:
    OutboxEntry.objects.all().delete()  # the rebuild is the whole truth; no relay runs here
    ensure_listings_index()
    log("rebuild (manage.py reindex path)")
    report = rebuild_index(batch_size=1000, progress=False)
    log(f"rebuild: {report.streamed:,} docs in {report.seconds:.1f}s")

    log("baseline: the same documents as prebuilt NDJSON through _bulk")
    batches, lines = [], []
    for row in listing_index_rows_all(chunk_size=2000):
        if row["status"] not in INDEXED_STATUSES:
            continue
        lines.append(json.dumps({"index": {"_id": str(row["id"]), "version": row["version"], "version_type": "external"}}))
        lines.append(json.dumps(listing_document(row), ensure_ascii=False))
        if len(lines) >= 2000:
            batches.append(("\n".join(lines) + "\n").encode())
            lines = []
    if lines:
        batches.append(("\n".join(lines) + "\n").encode())
    scratch = f"{listings_alias()}-ndjson-baseline"
    engine = get_engine()
    engine.delete_index(scratch)
    engine.create_index(scratch, listings_body(refresh_interval="-1", replicas=0))
    http = requests.Session()
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(
                lambda body: http.post(
                    f"{settings.SEARCH_URL}/{scratch}/_bulk",
                    data=body,
                    headers={"Content-Type": "application/x-ndjson"},
                    timeout=120,
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
    return {
        "documents": report.streamed,
        "rebuild_seconds": round(report.seconds, 2),
        "rebuild_docs_per_s": round(rebuild_rate),
        "ndjson_bulk_seconds": round(seconds, 2),
        "ndjson_bulk_docs_per_s": round(baseline_rate),
        "rebuild_vs_ndjson": round(rebuild_rate / baseline_rate, 3),
        "targets": "rebuild >= 3000 docs/s and >= 0.5 x NDJSON replay",
    }


# --- search: API vs the identical body straight to the engine -------------------------------

QUERY_MIX = [
    {},
    {"make": "toyota"},
    {"make": "toyota", "model": "land-cruiser"},
    {"make": "nissan", "model": "patrol", "year_min": "2018"},
    {"q": "land cruiser"},
    {"q": "لاند كروزر"},
    {"q": "كامري"},
    {"q": "camry gcc"},
    {"body_type": "suv", "price_max": "15000"},
    {"regional_spec": "gcc", "governorate": "capital", "sort": "price_asc"},
    {"make": ["lexus", "infiniti"], "year_min": "2020", "sort": "year_desc"},
    {"fuel": "hybrid"},
    {"price_min": "5000", "price_max": "9000", "mileage_max": "100000"},
    {"make": "kia", "page": "3"},
    {"q": "patrol", "sort": "price_desc"},
    {"seller_type": "dealer", "condition": "new"},
    {"transmission": "manual", "body_type": "pickup"},
    {"make": "hyundai", "model": "elantra", "color": ["white", "silver"]},
    {"sort": "mileage_asc", "year_min": "2015"},
    {"q": "prado 2019"},
]


def as_lists(params: dict) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in params.items()}


def bench_search(web: WebProcess, rounds: int) -> dict:
    allowed = enum_allowed_values()
    alias = listings_alias()
    # Exactly what the API sends for each query: one _msearch of the hits and facets halves.
    bodies = [
        "".join(
            json.dumps(line, ensure_ascii=False) + "\n"
            for line in msearch_lines(
                alias, split_body(search_body(parse_search_params(as_lists(params), allowed_values=allowed)))
            )
        ).encode()
        for params in QUERY_MIX
    ]
    api, raw = requests.Session(), requests.Session()
    api_ms, engine_ms = [], []
    for round_ in range(rounds + 1):
        for params, body in zip(QUERY_MIX, bodies, strict=True):
            began = time.perf_counter()
            raw.post(
                f"{settings.SEARCH_URL}/_msearch", data=body, headers={"Content-Type": "application/x-ndjson"}, timeout=30
            ).raise_for_status()
            engine = (time.perf_counter() - began) * 1000
            began = time.perf_counter()
            api.get(f"{web.url}/api/v1/search/listings", params=params, timeout=30).raise_for_status()
            through_api = (time.perf_counter() - began) * 1000
            if round_:  # the first round warms caches
                engine_ms.append(engine)
                api_ms.append(through_api)
    api_s, engine_s = summary(api_ms), summary(engine_ms)
    return {
        "api": api_s,
        "engine_same_body": engine_s,
        "api_p50_over_engine_p50": round(api_s["p50_ms"] / engine_s["p50_ms"], 3),
        "target": "API p50 <= 1.3 x engine p50",
    }


def bench_facets(repeats: int = 7) -> dict:
    """One engine request with every facet against the same counts by GROUP BY in PostgreSQL."""
    from search.index import FACET_FIELDS
    from search.tests.test_query_oracle import ORM, disjunctive_skip, pg_filtered

    cases = {"broad": {}, "narrow": {"make": "toyota", "model": "land-cruiser", "year_min": "2018"}}
    out = {}
    for name, params in cases.items():
        request = parse_search_params(as_lists(params), allowed_values=enum_allowed_values())
        body = search_body(request)
        engine_ms, pg_ms = [], []
        for _ in range(repeats):
            began = time.perf_counter()
            get_engine().search(listings_alias(), body)
            engine_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            pg_filtered(request).count()
            for field in FACET_FIELDS:
                rows = pg_filtered(request, skip=disjunctive_skip(field))
                keys = ("make__slug", "model__slug") if field == "model" else (ORM[field],)
                list(rows.values(*keys).annotate(n=django.db.models.Count("id")))
            for field in ("year", "price", "mileage_km"):
                list(pg_filtered(request, skip=frozenset({field})).values(field).annotate(n=django.db.models.Count("id")))
            pg_ms.append((time.perf_counter() - began) * 1000)
        engine_med, pg_med = statistics.median(engine_ms[1:]), statistics.median(pg_ms[1:])
        out[name] = {
            "filters": params,
            "engine_ms": round(engine_med, 2),
            "postgres_group_by_ms": round(pg_med, 2),
            "postgres_over_engine": round(pg_med / engine_med, 2),
        }
    return out


# --- edit → searchable ---------------------------------------------------------------------


def bench_sync(edits: int, threads: int = 4) -> dict:
    ids = list(Listing.objects.filter(status="active").values_list("pk", flat=True)[:5000])
    rng = random.Random(5)
    latencies: list[float] = []
    lock = threading.Lock()
    engine = get_engine()

    def one(listing_id: int) -> None:
        price = str(rng.randint(1000, 90000))
        listing = services.listing_update(listing_id=listing_id, data={"price": price})
        committed = time.perf_counter()
        body = {
            "size": 0,
            "query": {"bool": {"filter": [{"term": {"id": listing_id}}, {"range": {"version": {"gte": listing.version}}}]}},
        }
        while engine.search(listings_alias(), body)["hits"]["total"]["value"] == 0:
            if time.perf_counter() - committed > 30:
                raise RuntimeError(f"listing {listing_id} not searchable after 30s")
            time.sleep(0.05)
        with lock:
            latencies.append((time.perf_counter() - committed) * 1000)

    def worker_thread(chunk: list[int]) -> None:
        try:
            for listing_id in chunk:
                one(listing_id)
        finally:
            connection.close()

    picks = rng.sample(ids, edits)
    pool = [threading.Thread(target=worker_thread, args=(picks[n::threads],)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {
        **summary(latencies),
        "refresh_interval": settings.SEARCH_REFRESH_INTERVAL,
        "poll_ms": 50,
        "target": "p95 <= 1500 ms",
    }


# --- sustained load ------------------------------------------------------------------------


def bench_load(web: WebProcess, rate: float, seconds: float) -> dict:
    """An open-loop load: requests start at a fixed rate whatever the answers' speed."""
    total = int(rate * seconds)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    local = threading.local()
    rng = random.Random(9)
    mix = [rng.choice(QUERY_MIX) for _ in range(total)]

    def fire(params: dict) -> None:
        http = getattr(local, "http", None) or requests.Session()
        local.http = http
        began = time.perf_counter()
        try:
            answer = http.get(f"{web.url}/api/v1/search/listings", params=params, timeout=10)
            ok = answer.status_code == 200
            detail = f"status {answer.status_code}"
        except requests.RequestException as exc:
            ok, detail = False, repr(exc)
        elapsed = (time.perf_counter() - began) * 1000
        with lock:
            latencies.append(elapsed)
            if not ok:
                errors.append(detail)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for n, params in enumerate(mix):
            delay = start + n / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(fire, params)
    achieved = total / (time.perf_counter() - start)
    return {
        **summary(latencies),
        "target_rate_rps": rate,
        "achieved_rate_rps": round(achieved, 1),
        "errors": len(errors),
        "error_examples": errors[:5],
        "target": "p95 <= 150 ms at 50 requests/s, no errors",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument(
        "--only",
        nargs="*",
        default=[
            "rebuild",
            "search",
            "facets",
            "sync",
            "load",
            "understanding",
            "recommendations",
            "photos",
            "broker",
            "chat",
            "lighthouse",
        ],
    )
    parser.add_argument("--search-rounds", type=int, default=10)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()

    ensure_dataset(args.listings)
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "listings": args.listings,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "engine": get_engine().info()["version"]["number"],
        },
    }
    if "rebuild" in args.only or not get_engine().indices_for_alias(listings_alias()):
        results["rebuild"] = bench_rebuild()
    get_engine().refresh(listings_alias())
    env = dict(os.environ)
    logs = Path(tempfile.mkdtemp(prefix="sayara-bench-"))
    # Two web processes, as production runs on two cores (WEB_CONCURRENCY).
    web = WebProcess(env, logs, workers=2).start() if {"search", "load", "understanding"} & set(args.only) else None
    try:
        if "search" in args.only and web:
            log("search: API vs engine")
            results["search"] = bench_search(web, args.search_rounds)
        if "facets" in args.only:
            log("facets: engine vs PostgreSQL GROUP BY")
            results["facets"] = bench_facets()
        if "understanding" in args.only and web:
            log("understanding: judged queries vs the structured search")
            results["understanding"] = bench_understanding(web.url)
        if "load" in args.only and web:
            log(f"load: {args.rate} requests/s for {args.seconds}s")
            results["load"] = bench_load(web, args.rate, args.seconds)
    finally:
        if web:
            web.stop()
    if "recommendations" in args.only:
        log("recommendations: simulated buyers, held-out sessions, serving")
        results["recommendations"] = bench_recommendations(env=env, logs=logs, summary=summary)
    if "photos" in args.only:
        results["photos"] = bench_photos()
    if "sync" in args.only:
        worker = WorkerProcess(env, logs).start()
        try:
            log(f"sync: {args.edits} edits → searchable")
            results["sync"] = bench_sync(args.edits)
        finally:
            worker.stop()

    # Arms in their own modules: name → bench(env, logs) → figures.
    for name, arm in {"broker": bench_broker_outage, "chat": bench_chat, "lighthouse": bench_lighthouse}.items():
        if name in args.only:
            log(f"{name}: {arm.__module__}")
            results[name] = arm(env, logs)

    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    (RESULTS / "latest.json").write_text(text)
    (RESULTS / f"bench-{results['when'].replace(':', '')}.json").write_text(text)
    print(text)
    log(f"saved to {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
