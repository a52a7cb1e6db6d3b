"""`make bench` arms "search" and "ceiling": what the API adds to the engine.

search   each query of the fixed mix (scripts/bench/mix.py) through the API,
         beside exactly the body the API sends (one `_msearch` of the hits and
         the facets) posted straight to the engine, one after the other, the
         order alternating; p50 of each, and their ratio.
ceiling  closed-loop throughput at the same concurrency (clients each sending
         the next request when the last one answers): the API's requests/s
         against the raw engine's for the same bodies.
"""

import threading
import time
from collections.abc import Callable

import orjson
import requests
from django.conf import settings

from core.catalog.enums import enum_allowed_values
from scripts.bench.context import Bench, log
from scripts.bench.figures import summary
from scripts.bench.mix import QUERY_MIX, as_lists
from search.engines.base import msearch_lines
from search.index import listings_alias
from search.params import parse_search_params
from search.query import search_body, split_body

NDJSON = {"Content-Type": "application/x-ndjson"}


def engine_body(params: dict) -> bytes:
    """Exactly what the API sends for `params`: one _msearch of the hits and facets halves."""
    request = parse_search_params(as_lists(params), allowed_values=enum_allowed_values())
    lines = msearch_lines(listings_alias(), split_body(search_body(request)))
    return b"".join(orjson.dumps(line) + b"\n" for line in lines)


def engine_host() -> str:
    return settings.SEARCH_URL.split(",")[0].strip()


def run(bench: Bench) -> dict:
    bodies = [engine_body(params) for params in QUERY_MIX]
    host = engine_host()
    with bench.web() as web:
        api, raw = requests.Session(), requests.Session()
        api_ms, engine_ms = [], []
        for round_ in range(bench.args.search_rounds + 1):
            for n, (params, body) in enumerate(zip(QUERY_MIX, bodies, strict=True)):
                timings = {}
                calls = {
                    "engine": lambda b=body: raw.post(f"{host}/_msearch", data=b, headers=NDJSON, timeout=30),
                    "api": lambda p=params: api.get(f"{web.url}/api/v1/search/listings", params=p, timeout=30),
                }
                for name in ("engine", "api") if (n + round_) % 2 == 0 else ("api", "engine"):
                    began = time.perf_counter()
                    calls[name]().raise_for_status()
                    timings[name] = (time.perf_counter() - began) * 1000
                if round_:  # the first round warms caches
                    engine_ms.append(timings["engine"])
                    api_ms.append(timings["api"])
    api_s, engine_s = summary(api_ms), summary(engine_ms)
    return {
        "api": api_s,
        "engine_same_body": engine_s,
        "api_p50_over_engine_p50": round(api_s["p50_ms"] / engine_s["p50_ms"], 3),
        "api_p50_minus_engine_p50_ms": round(api_s["p50_ms"] - engine_s["p50_ms"], 2),
        "target": "API p50 <= 1.2 x engine p50",
    }


def closed_loop(call: Callable[[requests.Session, int], requests.Response], *, clients: int, seconds: float) -> dict:
    """`clients` threads each sending its next request as soon as the last one answered."""
    done, errors = [0] * clients, [0] * clients
    latencies: list[list[float]] = [[] for _ in range(clients)]
    stop = time.perf_counter() + seconds

    def client(index: int) -> None:
        http = requests.Session()
        n = index
        while time.perf_counter() < stop:
            began = time.perf_counter()
            answer = call(http, n)
            latencies[index].append((time.perf_counter() - began) * 1000)
            done[index] += 1
            errors[index] += not answer.ok
            n += clients

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {
        "requests_per_s": round(sum(done) / elapsed, 1),
        "errors": sum(errors),
        **summary([ms for per in latencies for ms in per]),
    }


def run_ceiling(bench: Bench) -> dict:
    bodies = [engine_body(params) for params in QUERY_MIX]
    host = engine_host()
    clients, seconds = bench.args.clients, bench.args.ceiling_seconds
    out: dict = {"clients": clients, "seconds_each": seconds}
    with bench.web() as web:
        # Warm: every body once each way.
        with requests.Session() as http:
            for params, body in zip(QUERY_MIX, bodies, strict=True):
                http.post(f"{host}/_msearch", data=body, headers=NDJSON, timeout=30)
                http.get(f"{web.url}/api/v1/search/listings", params=params, timeout=30)
        log(f"ceiling: raw engine, {clients} clients")
        out["engine_same_bodies"] = closed_loop(
            lambda http, n: http.post(f"{host}/_msearch", data=bodies[n % len(bodies)], headers=NDJSON, timeout=30),
            clients=clients,
            seconds=seconds,
        )
        log(f"ceiling: API, {clients} clients")
        out["api"] = closed_loop(
            lambda http, n: http.get(f"{web.url}/api/v1/search/listings", params=QUERY_MIX[n % len(QUERY_MIX)], timeout=30),
            clients=clients,
            seconds=seconds,
        )
    out["api_over_engine_throughput"] = round(out["api"]["requests_per_s"] / out["engine_same_bodies"]["requests_per_s"], 3)
    out["target"] = "API requests/s >= 0.8 x the engine's at the same concurrency"
    return out
