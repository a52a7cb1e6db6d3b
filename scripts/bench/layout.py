"""`make bench` arm "layout": one index with a country field (today's design,
docs/decisions/countries.md) against an index per country behind aliases,
both built from the same seeded listings in the same run
(docs/decisions/country-index-layout.md holds the figures and the decision).

Layouts, each a scratch index (or six) beside the bench's own alias, deleted after:

single          the baseline: one index, the shard count the app would choose
                (indexer/index_admin.py, listings_layout), every query filtered
                on `country`
single_sharded  one index of ROUTED_SHARDS shards, documents routed by country:
                queried with `routing=<country>` (one shard) and without (all)
per_country     one index per country, each behind its own alias, and one alias
                over all six for queries across countries

Figures, per layout: a country's search (the hits half of the API's search,
search/query.py split_body) and its facets (the facet half, uncached:
`request_cache=false`, what the first buyer after a refresh waits for) for a
broad, a make and a text search in each country; queries across every country
(the analysts' comparison, search/analytics.py, and a count by make); the time
to build each layout through `_bulk` and to rebuild one country alone; size,
shards and segments. Requests of the layouts alternate in a shuffled order
each round, so a busy moment of the shared machine falls on all of them.
"""

import random
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import orjson
import requests

from core.listings.selectors import listing_index_rows_all
from indexer.documents import INDEXED_STATUSES, listing_document
from indexer.index_admin import listings_body, listings_layout
from scripts.bench.context import Bench, log
from scripts.bench.figures import summary
from scripts.bench.search_api import engine_host
from search.analytics import CountryComparison, comparison_body
from search.index import IndexLayout, listings_alias
from search.params import SearchRequest
from search.query import search_body, split_body
from search.scope import market_codes

ROUTED_SHARDS = 3
ROUNDS = 10
BATCH_LINES = 2000
# A country's searches: everything there, one make, words.
SHAPES: dict[str, dict[str, Any]] = {
    "broad": {},
    "make": {"filters": {"make": ("toyota",)}},
    "text": {"q": "toyota land cruiser"},
}
VARIANTS = ("single", "single_sharded_routed", "single_sharded_unrouted", "per_country")


def _documents() -> dict[str, list[dict[str, Any]]]:
    """The index documents of the seeded listings, by country."""
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in listing_index_rows_all(chunk_size=2000):
        if row["status"] in INDEXED_STATUSES:
            document = listing_document(row)
            by_country[document["country"]].append({"_id": str(row["id"]), **document})
    return by_country


class Engine:
    """The few raw requests the arm needs (routing is a URL parameter the engine seam does not take)."""

    def __init__(self) -> None:
        self.host = engine_host()
        self.http = requests.Session()

    def call(self, method: str, path: str, body: Any = None, **params: str) -> dict[str, Any]:
        data = body if isinstance(body, bytes) or body is None else orjson.dumps(body)
        headers = {"Content-Type": "application/x-ndjson" if isinstance(body, bytes) else "application/json"}
        answer = self.http.request(method, f"{self.host}/{path}", data=data, params=params, headers=headers, timeout=300)
        answer.raise_for_status()
        return answer.json()

    def create(self, name: str, shards: int) -> None:
        self.http.delete(f"{self.host}/{name}", timeout=60)
        self.call("PUT", name, listings_body(layout=IndexLayout(shards=shards, replicas=0), refresh_interval="-1"))

    def bulk(self, name: str, documents: list[dict[str, Any]], *, routed: bool = False) -> float:
        """Index `documents` into `name` two batches at a time (as a rebuild does); seconds, refresh included."""
        batches, lines = [], []
        for document in documents:
            meta: dict[str, Any] = {"_index": name, "_id": document["_id"]}
            if routed:
                meta["routing"] = document["country"]
            lines.append(orjson.dumps({"index": meta}))
            lines.append(orjson.dumps({key: value for key, value in document.items() if key != "_id"}))
            if len(lines) >= BATCH_LINES:
                batches.append(b"\n".join(lines) + b"\n")
                lines = []
        if lines:
            batches.append(b"\n".join(lines) + b"\n")
        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            for answer in pool.map(lambda body: self.call("POST", "_bulk", body), batches):
                if answer.get("errors"):
                    raise RuntimeError(f"bulk into {name} refused documents")
        self.call("POST", f"{name}/_refresh")
        return time.monotonic() - began

    def timed(self, index: str, body: dict[str, Any], **params: str) -> float:
        began = time.monotonic()
        answer = self.call("POST", f"{index}/_search", body, request_cache="false", **params)
        elapsed = (time.monotonic() - began) * 1000
        if answer.get("timed_out") or answer["_shards"]["failed"]:
            raise RuntimeError(f"search on {index} failed: {answer['_shards']}")
        return elapsed

    def footprint(self, names: list[str]) -> dict[str, Any]:
        stats = self.call("GET", f"{','.join(names)}/_stats/docs,store,segments")["_all"]["primaries"]
        return {
            "indices": len(names),
            "shards": sum(
                int(self.call("GET", f"{name}/_settings")[name]["settings"]["index"]["number_of_shards"]) for name in names
            ),
            "documents": stats["docs"]["count"],
            "size_mb": round(stats["store"]["size_in_bytes"] / 2**20, 2),
            "segments": stats["segments"]["count"],
            "segments_memory_kb": round(stats["segments"].get("memory_in_bytes", 0) / 1024, 1),
        }


def _country_bodies(country: str) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Shape → (hits half, facet half) of the API's search in `country`."""
    return {shape: tuple(split_body(search_body(SearchRequest(country=country, **spec)))) for shape, spec in SHAPES.items()}


def _across_countries_bodies(countries: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {
        "comparison": comparison_body(CountryComparison(countries=countries, filters=SearchRequest()), now=datetime.now(UTC)),
        "count_by_make": {
            "size": 0,
            "query": {"bool": {"filter": [{"term": {"status": "active"}}]}},
            "aggs": {"makes": {"terms": {"field": "make", "size": 50}}},
        },
    }


def run(bench: Bench) -> dict:
    engine = Engine()
    base = f"{listings_alias()}-layout"
    countries = market_codes()
    single, sharded, all_alias = f"{base}-single", f"{base}-sharded", f"{base}-all"
    per_country = {code: f"{base}-{code}" for code in countries}
    created = [single, sharded, *(f"{name}-v1" for name in per_country.values())]

    log("layout: reading the documents")
    documents = _documents()
    everything = [document for code in countries for document in documents.get(code, [])]
    single_shards = listings_layout().shards
    try:
        log(f"layout: building one index ({single_shards} shard), one of {ROUTED_SHARDS} routed shards, one per country")
        engine.create(single, single_shards)
        built = {"single": engine.bulk(single, everything)}
        engine.create(sharded, ROUTED_SHARDS)
        built["single_sharded_routed"] = engine.bulk(sharded, everything, routed=True)
        per_country_seconds = {}
        actions = []
        for code, alias in per_country.items():
            engine.create(f"{alias}-v1", 1)
            per_country_seconds[code] = engine.bulk(f"{alias}-v1", documents.get(code, []))
            actions += [{"add": {"index": f"{alias}-v1", "alias": alias}}, {"add": {"index": f"{alias}-v1", "alias": all_alias}}]
        engine.call("POST", "_aliases", {"actions": actions})
        built["per_country_all"] = sum(per_country_seconds.values())

        footprint = {
            "single": engine.footprint([single]),
            "single_sharded": engine.footprint([sharded]),
            "per_country": engine.footprint([f"{name}-v1" for name in per_country.values()]),
        }

        def target(variant: str, country: str) -> tuple[str, dict[str, str]]:
            if variant == "single":
                return single, {}
            if variant == "single_sharded_routed":
                return sharded, {"routing": country}
            if variant == "single_sharded_unrouted":
                return sharded, {}
            return per_country[country], {}

        bodies = {code: _country_bodies(code) for code in countries}
        across = _across_countries_bodies(countries)
        across_targets = {"single": single, "single_sharded": sharded, "per_country": all_alias}
        # Warm every layout once (first queries load field data), untimed.
        for variant in VARIANTS:
            for code in countries:
                index, params = target(variant, code)
                for hits, facets in bodies[code].values():
                    engine.timed(index, hits, **params)
                    engine.timed(index, facets, **params)

        log(f"layout: {ROUNDS} rounds of {len(countries)} countries × {len(SHAPES)} searches × {len(VARIANTS)} layouts")
        search_ms: dict[str, dict[str, list[float]]] = {variant: defaultdict(list) for variant in VARIANTS}
        facets_ms: dict[str, dict[str, list[float]]] = {variant: defaultdict(list) for variant in VARIANTS}
        across_ms: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in across}
        order = random.Random(2026)
        for _ in range(ROUNDS):
            for code in countries:
                for hits, facets in bodies[code].values():
                    for variant in order.sample(VARIANTS, len(VARIANTS)):
                        index, params = target(variant, code)
                        search_ms[variant][code].append(engine.timed(index, hits, **params))
                        facets_ms[variant][code].append(engine.timed(index, facets, **params))
            for name, body in across.items():
                for layout in order.sample(list(across_targets), len(across_targets)):
                    across_ms[name][layout].append(engine.timed(across_targets[layout], body))

        # Rebuilding one country alone (Bahrain, the largest), after the searches: its deletes would weigh on them.
        log("layout: rebuilding Bahrain alone in each layout")
        bahrain = documents.get("bh", [])
        began = time.monotonic()
        engine.call("POST", f"{single}/_delete_by_query", {"query": {"term": {"country": "bh"}}}, refresh="true")
        one_country_single = time.monotonic() - began + engine.bulk(single, bahrain)
        created.append(f"{per_country['bh']}-v2")
        engine.create(f"{per_country['bh']}-v2", 1)
        one_country_own = engine.bulk(f"{per_country['bh']}-v2", bahrain)
        engine.call(
            "POST",
            "_aliases",
            {
                "actions": [
                    {"remove": {"index": f"{per_country['bh']}-v1", "alias": per_country["bh"]}},
                    {"remove": {"index": f"{per_country['bh']}-v1", "alias": all_alias}},
                    {"add": {"index": f"{per_country['bh']}-v2", "alias": per_country["bh"]}},
                    {"add": {"index": f"{per_country['bh']}-v2", "alias": all_alias}},
                ]
            },
        )

        def per_variant(samples: dict[str, dict[str, list[float]]]) -> dict[str, Any]:
            return {
                variant: {
                    "all_countries": summary([ms for values in by_country.values() for ms in values]),
                    "by_country": {code: summary(values) for code, values in by_country.items()},
                }
                for variant, by_country in samples.items()
            }

        return {
            "documents": len(everything),
            "documents_by_country": {code: len(documents.get(code, [])) for code in countries},
            "rounds": ROUNDS,
            "shapes": list(SHAPES),
            "baseline": "single (today's design: one index, a country filter)",
            "search_hits": per_variant(search_ms),
            "search_facets_uncached": per_variant(facets_ms),
            "across_countries": {
                name: {layout: summary(values) for layout, values in by.items()} for name, by in across_ms.items()
            },
            "build_seconds": {name: round(seconds, 2) for name, seconds in built.items()},
            "build_seconds_per_country": {code: round(seconds, 2) for code, seconds in per_country_seconds.items()},
            "rebuild_one_country_seconds": {
                "country": "bh",
                "documents": len(bahrain),
                "single_delete_by_query_and_bulk": round(one_country_single, 2),
                "per_country_new_index_and_alias_swap": round(one_country_own, 2),
            },
            "footprint": footprint,
        }
    finally:
        for name in created:
            engine.http.delete(f"{engine.host}/{name}", timeout=60)
