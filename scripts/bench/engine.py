"""The engine a benchmark runs on: the shared one at SEARCH_URL, or (with
--engine-heap) a private node of that heap whose data stays in .state/bench/
between runs, so a machine shared with others can bench a million listings
with a heap sized for them without touching the shared node."""

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import requests
from django.conf import settings

from scripts.bench.context import RESULTS, Bench, log
from scripts.bench.memory import postgres_backends
from scripts.processes import OpenSearchProcess


def _nodes(url: str) -> dict[str, Any]:
    return requests.get(f"{url}/_nodes/jvm,process", timeout=30).json()["nodes"]


def _point_at(bench: Bench, url: str) -> None:
    from search.engine import get_engine

    settings.SEARCH_URL = url
    os.environ["SEARCH_URL"] = bench.env["SEARCH_URL"] = url
    get_engine.cache_clear()


@contextlib.contextmanager
def private_engine(bench: Bench) -> Iterator[dict[str, Any]]:
    node = None
    if bench.args.engine_heap:
        home = RESULTS / f"engine-{settings.SAYARA_INSTANCE}"
        log(f"starting a private engine node (heap {bench.args.engine_heap}, data in {home})")
        node = OpenSearchProcess(bench.logs, heap=bench.args.engine_heap, home=home, cluster=f"{settings.SAYARA_INSTANCE}-engine")
        node.start()
        _point_at(bench, node.url)
    first = settings.SEARCH_URL.split(",")[0].strip()
    nodes = _nodes(first)
    pids = [int(info["process"]["id"]) for info in nodes.values()]
    bench.memory.watch("engine (JVM)", lambda: [pid for pid in pids if os.path.exists(f"/proc/{pid}")])
    bench.memory.watch("postgres backend", postgres_backends(settings.DATABASES["default"]["NAME"]))
    info = {
        "version": requests.get(first, timeout=30).json()["version"]["number"],
        "private_node": node is not None,
        "nodes": len(nodes),
        "heap_max_mb": [round(n["jvm"]["mem"]["heap_max_in_bytes"] / 2**20) for n in nodes.values()],
    }
    try:
        yield info
    finally:
        if node is not None:
            node.stop()
