"""`make bench`: Sayara's figures, each beside a baseline measured in the same run.

    scripts/bench.sh                          100,000 listings, every arm
    scripts/bench.sh --listings 1000000       a million
    scripts/bench.sh --only search load       some arms (names below)
    scripts/bench.sh --engine-heap 2g         on a private engine node of that heap
                                              (its data kept in .state/bench/), not the shared one

Each arm is a module of scripts/bench with `run(bench) -> dict` (scripts/bench/context.py);
this file only lists them. Prints JSON and saves it to .state/bench/ (latest.json and a dated
copy), with the machine's load average beside each arm and each process's peak memory.
A benchmark measures; it asserts nothing (the targets are printed beside the figures).
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
django.setup()

from django.conf import settings  # noqa: E402

from scripts.bench import (  # noqa: E402
    broker,
    chat,
    duplicates,
    facets,
    layout,
    lighthouse,
    load,
    photos,
    pool,
    rebuild,
    recommendations,
    relay,
    search_api,
    sync,
    understanding,
)
from scripts.bench.context import RESULTS, Bench, ensure_dataset, load_average, log  # noqa: E402
from scripts.bench.engine import private_engine  # noqa: E402

# name → arm, in the order they run (rebuild first: the others search its index).
ARMS: dict[str, Callable[[Bench], dict]] = {
    "rebuild": rebuild.run,
    "search": search_api.run,
    "ceiling": search_api.run_ceiling,
    "facets": facets.run,
    "layout": layout.run,
    "load": load.run,
    "pool": pool.run,
    "sync": sync.run,
    "relay": relay.run,
    "understanding": understanding.run,
    "recommendations": recommendations.run,
    "photos": photos.run,
    "duplicates": duplicates.run,
    "broker": broker.run,
    "chat": chat.run,
    "lighthouse": lighthouse.run,
}


def seed(count: int) -> None:
    from core.listings.demo import listings_seed_demo

    listings_seed_demo(count=count, seed=2026)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--only", nargs="*", default=list(ARMS), choices=list(ARMS), metavar="ARM")
    parser.add_argument("--engine-heap", default="", help="run on a private engine node with this heap (e.g. 2g)")
    parser.add_argument("--search-rounds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8, help="closed-loop clients of the ceiling arm")
    parser.add_argument("--ceiling-seconds", type=float, default=20.0)
    parser.add_argument("--edits", type=int, default=200, help="edits timed by the sync arm")
    parser.add_argument("--rate", type=float, default=50.0, help="searches a second in the load arm")
    parser.add_argument("--edit-rate", type=float, default=5.0, help="edits a second during the load arm")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load arm")
    parser.add_argument("--relay-edits", type=int, default=20_000, help="backlog of each relay round")
    args = parser.parse_args()

    logs = Path(tempfile.mkdtemp(prefix="sayara-bench-"))
    bench = Bench(args=args, env=dict(os.environ), logs=logs)
    with private_engine(bench) as engine_info:
        bench.memory.start()
        results: dict = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "listings": args.listings,
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "engine": engine_info,
                "load_average_at_start": load_average(),
            },
            "dataset": ensure_dataset(args.listings, seed),
        }
        from search.engine import get_engine
        from search.index import listings_alias

        selected = [name for name in ARMS if name in args.only]
        if "rebuild" not in selected and not get_engine().indices_for_alias(listings_alias()):
            selected.insert(0, "rebuild")
        for name in selected:
            log(f"{name}: {ARMS[name].__module__}")
            began, before = time.monotonic(), load_average()
            figures = ARMS[name](bench)
            figures["bench_seconds"] = round(time.monotonic() - began, 1)
            figures["load_average"] = {"before": before, "after": load_average()}
            results[name] = figures
            if name == "rebuild":
                get_engine().refresh(listings_alias())
        results["peak_memory_mb"] = bench.memory.stop()
    results["machine"]["load_average_at_end"] = load_average()
    results["settings"] = {"search_url": settings.SEARCH_URL, "web_threads": settings.WEB_THREADS}

    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    stem = f"bench-{settings.SAYARA_INSTANCE}-{args.listings}-{results['when'].replace(':', '')}"
    (RESULTS / "latest.json").write_text(text)
    (RESULTS / f"{stem}.json").write_text(text)
    print(text)
    log(f"saved to {RESULTS / 'latest.json'} and {stem}.json")


if __name__ == "__main__":
    main()
