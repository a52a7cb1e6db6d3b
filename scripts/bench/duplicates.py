"""Likely duplicates (core/listings/photo_hashes.py): the cost of hashing an upload
beside processing it, and finding near-identical photos among many by the GIN
index of hash bytes, beside a sequential scan of the same query. The lookup runs
on a temporary table holding only hashes, with ListingPhoto's index expression.

    .venv/bin/python scripts/bench/duplicates.py     (also `make bench`, arm "duplicates")
"""

import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from core.listings.photo_hashes import PHASH_DISTANCE, HashBytes, hash_bytes, photo_hash  # noqa: E402
from core.listings.photos import process_photo  # noqa: E402
from testing.photos import photo_file, scene  # noqa: E402

if TYPE_CHECKING:
    from scripts.bench.context import Bench

PHOTOS = 400_000  # 100,000 listings with four photos each
LOOKUPS = 50


def _ms(samples: list[float]) -> dict:
    return {"median_ms": round(statistics.median(samples) * 1000, 2), "max_ms": round(max(samples) * 1000, 2)}


def bench_hashing(runs: int = 5) -> dict:
    data = photo_file(3, size=(4032, 3024), fmt="JPEG")
    image = scene(3, (2560, 1920))
    processing, hashing = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process_photo(io.BytesIO(data), len(data))
        processing.append(time.perf_counter() - start)
        start = time.perf_counter()
        photo_hash(image)
        hashing.append(time.perf_counter() - start)
    return {"process_photo_12mp_jpeg_with_hash": _ms(processing), "photo_hash_alone_2560px": _ms(hashing)}


def bench_lookup(photos: int = PHOTOS) -> dict:
    rng = random.Random(7)
    bytes_sql = HashBytes.template % {"expressions": "phash"}
    near = f"{bytes_sql} && %s::integer[] AND bit_count((phash # %s)::bit(64)) <= {PHASH_DISTANCE}"
    results = {}
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_hashes (id serial PRIMARY KEY, phash bigint)")
        cursor.execute(
            "INSERT INTO bench_hashes (phash) SELECT (random() * 18446744073709551615 - 9223372036854775808)::bigint"
            " FROM generate_series(1, %s)",
            [photos],
        )
        cursor.execute(f"CREATE INDEX ON bench_hashes USING gin (({bytes_sql}))")
        cursor.execute("ANALYZE bench_hashes")
        probes = [rng.randrange(-(1 << 63), 1 << 63) for _ in range(LOOKUPS)]
        for arm, setting in (("gin_index", "on"), ("baseline_seq_scan", "off")):
            cursor.execute(f"SET enable_bitmapscan = {setting}")
            samples = []
            for probe in probes:
                start = time.perf_counter()
                cursor.execute(f"SELECT id FROM bench_hashes WHERE {near}", [hash_bytes(probe), probe])
                cursor.fetchall()
                samples.append(time.perf_counter() - start)
            results[arm] = _ms(samples)
        cursor.execute("RESET enable_bitmapscan")
        cursor.execute("DROP TABLE bench_hashes")
    return {"photos": photos, **results}


def bench_duplicates() -> dict:
    return {
        "hashing": bench_hashing(),
        "lookup": bench_lookup(),
        "target": "hashing a small share of processing an upload; a lookup among 400,000 photos in milliseconds, far under the scan",
    }


def run(bench: "Bench") -> dict:
    return bench_duplicates()


if __name__ == "__main__":
    print(json.dumps(bench_duplicates(), indent=2))
