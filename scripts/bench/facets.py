"""`make bench` arm "facets": every facet of a search, from the engine and
from PostgreSQL at its best.

engine      the facet half of a search (size 0, every disjunctive facet and
            range), uncached (`request_cache=false`: what the first buyer after
            a refresh waits for) and cached; for a broad search (no filter), a
            narrow one, and the facet halves of the realistic mix.
postgres    the same counts and buckets in ONE query: GROUPING SETS over the
            active listings, each facet's count filtered by every selection but
            its own (the disjunctive rule, search/tests/test_query_oracle.py),
            price and mileage in the API's bands (width_bucket), min/max of each
            range. Timed on the heap, and with the covering partial index this
            arm creates for it (an index-only scan of the columns it reads),
            the best of the two reported as the baseline.
"""

import statistics
import time
from decimal import Decimal
from typing import Any

import orjson
import requests
from django.db import connection

from core.catalog.enums import enum_allowed_values
from core.catalog.models import CarModel, Make
from scripts.bench.context import Bench, log
from scripts.bench.figures import summary
from scripts.bench.mix import RealisticMix, as_lists
from scripts.bench.search_api import engine_host
from search.index import FACET_FIELDS, RANGE_FIELDS, listings_alias
from search.params import SearchRequest, parse_search_params
from search.query import MILEAGE_BUCKETS_KM, PRICE_BUCKETS, facet_skip, search_body, split_body

CASES: dict[str, dict[str, str]] = {
    "broad": {},
    "narrow": {"make": "toyota", "model": "land-cruiser", "year_min": "2018"},
}
REPEATS = 15
MIX_SAMPLES = 100
COLUMNS = {name: name for name in FACET_FIELDS} | {"make": "make_id", "model": "model_id", "color": "exterior_color"}
RANGE_COLUMNS = {"year": "year", "price": "price", "mileage_km": "mileage_km"}
COVERING_INDEX = "bench_listing_facets_covering"


def _condition(request: SearchRequest, skip: frozenset[str], args: list[Any]) -> str:
    """SQL of every selection of `request` but those in `skip` (TRUE when none is left)."""
    parts = []
    for name, values in request.filters.items():
        if name in skip:
            continue
        if name == "make":
            ids = list(Make.objects.filter(slug__in=values).values_list("pk", flat=True))
        elif name == "model":
            ids = list(CarModel.objects.filter(slug__in=values).values_list("pk", flat=True))
        else:
            ids = list(values)
        parts.append(f"{COLUMNS[name]} = ANY(%s)")
        args.append(ids)
    for name, (low, high) in request.ranges.items():
        if name in skip:
            continue
        to_db = (lambda fils: Decimal(fils) / 1000) if name == "price" else (lambda value: value)
        if low is not None:
            parts.append(f"{RANGE_COLUMNS[name]} >= %s")
            args.append(to_db(low))
        if high is not None:
            parts.append(f"{RANGE_COLUMNS[name]} <= %s")
            args.append(to_db(high))
    return " AND ".join(parts) or "TRUE"


def grouping_sets_sql(request: SearchRequest) -> tuple[str, list[Any]]:
    """Every facet's counts, range buckets and bounds of `request` in one query."""
    args: list[Any] = []
    flags, sets, counts = [], [], []
    for name in FACET_FIELDS:
        flags.append(f"({_condition(request, facet_skip(name), args)}) AS f_{name}")
        sets.append("(make_id, model_id)" if name == "model" else f"({COLUMNS[name]})")
        counts.append(f"count(*) FILTER (WHERE f_{name}) AS n_{name}")
    for name in RANGE_FIELDS:
        flags.append(f"({_condition(request, frozenset({name}), args)}) AS f_{name}")
        counts.append(f"count(*) FILTER (WHERE f_{name}) AS n_{name}")
        column = RANGE_COLUMNS[name]
        counts.append(f"min({column}) FILTER (WHERE f_{name}) AS min_{name}, max({column}) FILTER (WHERE f_{name}) AS max_{name}")
    sets += ["(year)", "(price_band)", "(mileage_band)", "()"]
    any_flag = " OR ".join(f"f_{name}" for name in (*FACET_FIELDS, *RANGE_FIELDS))
    prices = ", ".join(str(low) for low in PRICE_BUCKETS)
    mileages = ", ".join(str(low) for low in MILEAGE_BUCKETS_KM)
    grouped = sorted({COLUMNS[name] for name in FACET_FIELDS} | {"year"})
    columns = sorted(set(grouped) | set(RANGE_COLUMNS.values()))
    sql = f"""
        WITH flagged AS (
            SELECT {", ".join(columns)},
                   width_bucket(price, ARRAY[{prices}]::numeric[]) AS price_band,
                   width_bucket(mileage_km, ARRAY[{mileages}]) AS mileage_band,
                   {", ".join(flags)}
            FROM listings_listing WHERE status = 'active'
        )
        SELECT GROUPING({", ".join(grouped)}, price_band, mileage_band) AS grouping_set,
               {", ".join(grouped)}, price_band, mileage_band, {", ".join(counts)}
        FROM flagged WHERE {any_flag}
        GROUP BY GROUPING SETS ({", ".join(sets)})
    """
    return sql, args


def _postgres_ms(request: SearchRequest, *, index_only: bool) -> tuple[list[float], int, str]:
    sql, args = grouping_sets_sql(request)
    samples, rows = [], 0
    with connection.cursor() as cursor:
        cursor.execute("SET enable_indexonlyscan = %s", ["on" if index_only else "off"])
        cursor.execute("SET enable_seqscan = %s", ["off" if index_only else "on"])
        for _ in range(REPEATS):
            began = time.perf_counter()
            cursor.execute(sql, args)
            rows = len(cursor.fetchall())
            samples.append((time.perf_counter() - began) * 1000)
        cursor.execute("EXPLAIN " + sql, args)
        scans = [line.strip().lstrip("-> ").split("  ")[0] for (line,) in cursor.fetchall() if "Scan" in line]
        cursor.execute("RESET enable_indexonlyscan; RESET enable_seqscan")
    return samples[1:], rows, "; ".join(scans)


def _ensure_covering_index() -> int:
    columns = sorted(set(COLUMNS.values()) | set(RANGE_COLUMNS.values()))
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {COVERING_INDEX} ON listings_listing (status) INCLUDE ({', '.join(columns)}) "
            "WHERE status = 'active'"
        )
        cursor.execute("VACUUM ANALYZE listings_listing")  # an index-only scan needs the visibility map
        cursor.execute("SELECT pg_relation_size(%s::regclass)", [COVERING_INDEX])
        return int(cursor.fetchone()[0])


def _facets_body(params: dict | list) -> bytes:
    request = parse_search_params(as_lists(params), allowed_values=enum_allowed_values())
    return orjson.dumps(split_body(search_body(request))[1])


def _engine_ms(http: requests.Session, body: bytes, *, cached: bool, repeats: int) -> list[float]:
    url = f"{engine_host()}/{listings_alias()}/_search?request_cache={'true' if cached else 'false'}"
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        http.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=60).raise_for_status()
        samples.append((time.perf_counter() - began) * 1000)
    return samples[1:]


def run(bench: Bench) -> dict:
    log("facets: the covering index for PostgreSQL's baseline")
    index_bytes = _ensure_covering_index()
    http = requests.Session()
    out: dict[str, Any] = {"postgres_covering_index_mb": round(index_bytes / 2**20, 1)}
    for name, params in CASES.items():
        request = parse_search_params(as_lists(params), allowed_values=enum_allowed_values())
        body = _facets_body(params)
        uncached = _engine_ms(http, body, cached=False, repeats=REPEATS)
        cached = _engine_ms(http, body, cached=True, repeats=REPEATS)
        heap, rows, heap_plan = _postgres_ms(request, index_only=False)
        covering, _, covering_plan = _postgres_ms(request, index_only=True)
        best = min(statistics.median(heap), statistics.median(covering))
        out[name] = {
            "filters": params,
            "engine_uncached": summary(uncached),
            "engine_cached": summary(cached),
            "postgres_grouping_sets_heap": {**summary(heap), "plan": heap_plan},
            "postgres_grouping_sets_index_only": {**summary(covering), "plan": covering_plan},
            "postgres_result_rows": rows,
            "postgres_best_p50_over_engine_uncached_p50": round(best / statistics.median(uncached), 2),
        }
    log(f"facets: the facet halves of {MIX_SAMPLES} searches of the realistic mix, uncached")
    samples = []
    for params in RealisticMix(seed=23).take(MIX_SAMPLES):
        samples += _engine_ms(http, _facets_body(params), cached=False, repeats=2)
    out["realistic_mix_engine_uncached"] = summary(samples)
    out["note"] = "engine figures are the facet half alone (size 0), posted straight to the engine"
    return out
