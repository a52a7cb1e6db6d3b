"""Lighthouse on a phone: the scores of the home, search and listing pages on
Lighthouse's mobile profile (simulated slow 4G, a 4x slower CPU), beside a
baseline measured in the same run: the app's not-found page, the cost of the
shell alone (scripts, styles, header and footer, no data).

    scripts/bench.sh --only lighthouse        (also part of `make bench`)
    .venv/bin/python scripts/bench/lighthouse.py   (alone, on the instance the environment names)

Lighthouse 12.2.3 is pinned in scripts/bench/lighthouse-cli/ (its own package.json
and lock, installed here with npm ci) and drives the machine's Chromium. Each page is
measured LIGHTHOUSE_RUNS times (3 by default) and the median run is reported.
"""

import hashlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import django
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
django.setup()

from core.listings.models import Listing  # noqa: E402
from core.listings.photos import listing_photo_add  # noqa: E402
from scripts.processes import WebProcess  # noqa: E402

if TYPE_CHECKING:
    from scripts.bench.context import Bench

CLI = Path(__file__).resolve().parent / "lighthouse-cli"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TARGETS = "mobile profile: performance >= 90, CLS < 0.1, accessibility 100 (home, search, listing)"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _install() -> Path:
    """npm ci in lighthouse-cli/ whenever its lock changed since the last install."""
    lock = (CLI / "package-lock.json").read_bytes()
    stamp, want = CLI / "node_modules" / ".sayara-stamp", hashlib.sha256(lock).hexdigest()
    if not stamp.exists() or stamp.read_text() != want:
        log("lighthouse: npm ci (scripts/bench/lighthouse-cli)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=CLI, check=True)
        stamp.write_text(want)
    return CLI / "node_modules" / ".bin" / "lighthouse"


def _photo(width: int, height: int, shade: int) -> io.BytesIO:
    """A car-photo-sized JPEG with some detail, so its size is like a real one's."""
    image = Image.new("RGB", (width, height), (40 + shade, 60, 90))
    draw = ImageDraw.Draw(image)
    for band in range(0, width, 24):
        draw.rectangle([band, height // 3, band + 12, height], fill=(200 - shade, 120 + band % 100, 80))
    data = io.BytesIO()
    image.save(data, "JPEG", quality=85)
    data.seek(0)
    return data


def _listing_with_photos() -> int:
    """An active listing with four 1600x1200 photos, as most sellers post."""
    listing = Listing.objects.filter(status="active").order_by("pk").first()
    if listing is None:
        raise RuntimeError("the bench data set has no active listing")
    for shade in range(4 - listing.photos.count()):
        data = _photo(1600, 1200, shade * 30)
        listing_photo_add(listing_id=listing.pk, upload=data, size=len(data.getvalue()))
    return listing.pk


def _require_search_results(url: str) -> None:
    """The pages are measured with cars in them: an index left behind by a migration answers
    none, and empty pages score better than real ones (and shift as sections vanish)."""
    with urllib.request.urlopen(f"{url}/api/v1/search/listings?page_size=1", timeout=30) as answer:
        if not json.load(answer)["count"]:
            raise RuntimeError("the search answers no cars: rebuild the index (manage.py reindex) or seed the bench data")


def _lighthouse_once(lighthouse: Path, url: str, out: Path) -> dict | None:
    """One Lighthouse run's figures; None when Lighthouse could not measure the page."""
    command = [
        str(lighthouse),
        url,
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
    ]
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300, capture_output=True, text=True)
    report = json.loads(out.read_text()) if done.returncode == 0 and out.exists() else None
    error = (report or {}).get("runtimeError") or {}
    if report is None or error or report["categories"]["performance"]["score"] is None:
        log(f"lighthouse: no measure of {url}: {error.get('code') or done.stderr.strip()[-300:] or 'no score'}")
        return None
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "transfer_kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
    }


def _run(lighthouse: Path, url: str, out: Path) -> dict | None:
    """A run's figures. Lighthouse now and then loses the page's trace on a loaded machine
    (NO_NAVSTART, a Chromium that never answers): such a run is tried once more, then counted
    as failed (None) rather than ending the whole bench."""
    return _lighthouse_once(lighthouse, url, out) or _lighthouse_once(lighthouse, url, out)


def bench_lighthouse(env: dict[str, str], logs: Path) -> dict:
    lighthouse = _install()
    listing_id = _listing_with_photos()
    pages = {
        "baseline_shell": "/this-page-does-not-exist",
        "home": "/",
        "search": "/search",
        "listing": f"/listings/{listing_id}",
    }
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    web = WebProcess(env, logs, name="web-lighthouse", workers=2).start()
    results: dict = {}
    try:
        _require_search_results(web.url)
        for name, path in pages.items():
            measured = []
            for run in range(runs):
                log(f"lighthouse: {name} ({path}), run {run + 1} of {runs}")
                measured.append(_run(lighthouse, web.url + path, logs / f"lighthouse-{name}-{run}.json"))
            done = [run for run in measured if run is not None]
            if not done:
                results[name] = {"path": path, "runs": runs, "failed": runs}
                continue
            # The run with the median performance score stands for the page.
            middle = statistics.median_low([run["performance"] for run in done])
            results[name] = {
                **next(run for run in done if run["performance"] == middle),
                "path": path,
                "runs": runs,
                "failed": runs - len(done),
            }
    finally:
        web.stop()
    results["reports"] = str(logs)
    results["targets"] = TARGETS
    return results


def run(bench: "Bench") -> dict:
    return bench_lighthouse(bench.env, bench.logs)


if __name__ == "__main__":
    # Alone, against the database and index SAYARA_INSTANCE / POSTGRES_DB name (built app, data seeded).
    print(json.dumps(bench_lighthouse(dict(os.environ), Path(tempfile.mkdtemp(prefix="sayara-lighthouse-"))), indent=2))
