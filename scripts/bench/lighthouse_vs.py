"""Lighthouse of this tree beside another tree of the app (main, before a change), in
one run: both served from the same database and photos, the pages measured in turns
(this, other, this, other, …) so the machine's load weighs on both alike; the medians.

    scripts/bench.sh --only lighthouse --listings 3000      (once: seeds and indexes the bench data)
    git archive main | tar -x -C /tmp/main && (cd /tmp/main/frontend && ln -s "$PWD/../../<this>/frontend/node_modules" . && npx vite build)
    SAYARA_INSTANCE=bench_me POSTGRES_DB=sayara_bench_me DJANGO_DEBUG=0 \\
      .venv/bin/python scripts/bench/lighthouse_vs.py /tmp/main --runs 5

The other tree runs on this tree's virtualenv (uvicorn --app-dir), with its own built
frontend/dist. Prints JSON: each page's median figures for both, and every run's score.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from lighthouse import _install, _listing_with_photos, _require_search_results, _run, log  # scripts/bench/ is on the path

from scripts.processes import WebProcess


class TreeWebProcess(WebProcess):
    """The web process of another tree's code and build, on this tree's database and media."""

    def __init__(self, env: dict[str, str], log_dir: Path, tree: Path, name: str) -> None:
        env = {**env, "FRONTEND_DIST": str(tree / "frontend" / "dist"), "MEDIA_ROOT": str(Path(env["MEDIA_ROOT"]))}
        super().__init__(env, log_dir, name=name, workers=2)
        self.command += ["--app-dir", str(tree)]


def _medians(runs: list[dict | None], figures: tuple[str, ...]) -> dict:
    """Each figure's median over the runs Lighthouse measured; the failed ones (None) counted."""
    done = [run for run in runs if run is not None]
    medians = {figure: statistics.median(run[figure] for run in done) for figure in figures} if done else {}
    return {**medians, "scores": [run["performance"] for run in done], "failed": len(runs) - len(done)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("other", type=Path, help="the other tree (its frontend built)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=["home", "search", "listing"])
    args = parser.parse_args()

    from django.conf import settings

    lighthouse = _install()
    paths = {"home": "/", "search": "/search", "listing": f"/listings/{_listing_with_photos()}"}
    logs = Path(tempfile.mkdtemp(prefix="sayara-lighthouse-vs-"))
    env = {**os.environ, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    trees = {"this": Path(__file__).resolve().parents[2], "other": args.other.resolve()}
    servers = {name: TreeWebProcess(env, logs, tree, f"web-{name}").start() for name, tree in trees.items()}
    measured: dict[str, dict[str, list[dict | None]]] = {page: {name: [] for name in trees} for page in args.pages}
    try:
        _require_search_results(servers["this"].url)
        for run in range(args.runs):
            for page in args.pages:
                for name, server in servers.items():
                    log(f"lighthouse: {page} on {name}, run {run + 1} of {args.runs}")
                    out = logs / f"{page}-{name}-{run}.json"
                    measured[page][name].append(_run(lighthouse, server.url + paths[page], out))
    finally:
        for server in servers.values():
            server.stop()
    figures = ("performance", "accessibility", "cls", "lcp_ms", "fcp_ms", "tbt_ms", "transfer_kb")
    results = {page: {name: _medians(runs, figures) for name, runs in by_tree.items()} for page, by_tree in measured.items()}
    print(json.dumps({"trees": {name: str(tree) for name, tree in trees.items()}, "runs": args.runs, **results}, indent=2))
    log(f"reports in {logs}")


if __name__ == "__main__":
    sys.exit(main())
