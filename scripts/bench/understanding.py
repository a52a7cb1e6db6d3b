"""`make bench` arm "understanding": the judged queries (search/tests/judged_queries.tsv)
typed into the search box, against the structured search of the filters each one means.

    precision@10     share of the free-text search's top 10 that satisfy the meaning
    count agreement  share of queries whose free-text count equals the structured count
    zero results     queries that find nothing though the structured search finds cars
    added latency    p50/p95 of understanding one query (parse + merge), in process

Baselines from the same run: the same queries searched literally (literal=1: the
words matched as text, as before understanding), and the structured search's own
API latency. A benchmark measures; the targets are printed beside the figures.
"""

import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import requests

from core.catalog.enums import enum_allowed_values
from discovery.vocabulary import search_vocabulary
from search.engine import get_engine
from search.index import listings_alias
from search.params import max_year, parse_search_params
from search.query import base_query, selection_clauses
from search.understanding.parser import understand, understood_request

if TYPE_CHECKING:
    from scripts.bench.context import Bench

JUDGED = Path(__file__).resolve().parents[2] / "search" / "tests" / "judged_queries.tsv"
TOP = 10


def judged_queries() -> list[tuple[str, list[tuple[str, str]], str]]:
    rows = []
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, meaning, kind = line.split("\t")
            rows.append((query, parse_qsl(meaning), kind))
    return rows


def structured_params(meaning: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The meaning as the facets would ask it; its words (q=) matched as typed."""
    return [*meaning, *([("literal", "1")] if any(key == "q" for key, _ in meaning) else [])]


def _satisfying(meaning: list[tuple[str, str]], ids: list[int]) -> int:
    """How many of `ids` the structured search of `meaning` finds (asked of the engine itself)."""
    if not ids:
        return 0
    params: dict[str, list[str]] = {}
    for key, value in structured_params(meaning):
        params.setdefault(key, []).append(value)
    request = parse_search_params(params, allowed_values=enum_allowed_values())
    body = {
        "size": 0,
        "track_total_hits": True,
        "query": base_query(
            request.q, country=request.country, extra_filters=[*selection_clauses(request), {"terms": {"id": ids}}]
        ),
    }
    return int(get_engine().search(listings_alias(), body)["hits"]["total"]["value"])


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))], 3)

    return {"n": len(ordered), "p50_ms": at(50), "p95_ms": at(95), "max_ms": round(ordered[-1], 3)}


def bench_understanding(web_url: str, *, rounds: int = 20) -> dict[str, Any]:
    rows = judged_queries()
    http = requests.Session()

    def search(params: list[tuple[str, str]]) -> tuple[dict[str, Any], float]:
        began = time.perf_counter()
        answer = http.get(f"{web_url}/api/v1/search/listings", params=[*params, ("page_size", str(TOP))], timeout=30)
        elapsed = (time.perf_counter() - began) * 1000
        answer.raise_for_status()
        return answer.json(), elapsed

    arms: dict[str, dict[str, Any]] = {
        name: {"shown": 0, "satisfying": 0, "agree": 0, "zero_where_structured_finds": [], "api_ms": []}
        for name in ("understood", "literal")
    }
    structured_ms: list[float] = []
    by_kind: dict[str, list[int]] = {}
    misses: list[dict[str, Any]] = []
    # One pass unmeasured first: each search then meets the engine's caches as warm as the others.
    for query, meaning, _ in rows:
        for params in (structured_params(meaning), [("q", query)], [("q", query), ("literal", "1")]):
            search(params)
    for query, meaning, kind in rows:
        structured, took = search(structured_params(meaning))
        structured_ms.append(took)
        for name, params in (("understood", [("q", query)]), ("literal", [("q", query), ("literal", "1")])):
            answer, took = search(params)
            arm = arms[name]
            arm["api_ms"].append(took)
            ids = [hit["id"] for hit in answer["results"]]
            good = _satisfying(meaning, ids)
            arm["shown"] += len(ids)
            arm["satisfying"] += good
            agree = answer["count"] == structured["count"]
            arm["agree"] += agree
            if answer["count"] == 0 and structured["count"] > 0:
                arm["zero_where_structured_finds"].append(query)
            if name == "understood":
                by_kind.setdefault(kind, []).append(int(agree))
                if not agree or good < len(ids):
                    misses.append(
                        {
                            "query": query,
                            "count": answer["count"],
                            "structured": structured["count"],
                            "top10_ok": f"{good}/{len(ids)}",
                        }
                    )

    # What understanding adds to one search, in process: the parse and the merge.
    vocabulary = search_vocabulary()
    allowed = enum_allowed_values()
    requests_ = [parse_search_params({"q": [query]}, allowed_values=allowed) for query, _, _ in rows]
    added_ms: list[float] = []
    newest = max_year()
    for round_ in range(rounds + 1):
        for request in requests_:
            began = time.perf_counter()
            understood_request(request, understand(request.q, vocabulary, max_year=newest))
            if round_:  # the first round warms caches
                added_ms.append((time.perf_counter() - began) * 1000)

    def summary(arm: dict[str, Any]) -> dict[str, Any]:
        return {
            "precision_at_10": round(arm["satisfying"] / arm["shown"], 4) if arm["shown"] else None,
            "count_agreement": round(arm["agree"] / len(rows), 4),
            "zero_results_where_structured_finds_cars": len(arm["zero_where_structured_finds"]),
            "zero_result_examples": arm["zero_where_structured_finds"][:8],
            "api": _ms(arm["api_ms"]),
        }

    understood, literal = summary(arms["understood"]), summary(arms["literal"])
    return {
        "queries": len(rows),
        "kinds": {kind: len(agreed) for kind, agreed in by_kind.items()},
        "understood": understood,
        "baseline_literal": literal,
        "count_agreement_by_kind": {kind: round(sum(agreed) / len(agreed), 3) for kind, agreed in by_kind.items()},
        "understanding_added": _ms(added_ms),
        "baseline_structured_api": _ms(structured_ms),
        "api_p50_understood_over_structured": round(understood["api"]["p50_ms"] / statistics.median(structured_ms), 3),
        "misses": misses[:20],
        "targets": "precision@10 >= 0.95, count agreement >= 0.9, 0 zero-result queries where the structured search finds cars, "
        "understanding adds <= 1 ms p50",
    }


def run(bench: "Bench") -> dict[str, Any]:
    with bench.web() as web:
        return bench_understanding(web.url)
