"""Photo uploads: peak memory of processing one upload (core/listings/photos.py)
beside a baseline of decoding it whole, as the pipeline did before the pixel
cap and Pillow's draft. Each figure is measured in a fresh process: its peak RSS, beside its RSS before the
upload was processed (Django loaded, the file read).

    .venv/bin/python scripts/bench/photos.py     (also `make bench`, arm "photos")
"""

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:
    from scripts.bench.context import Bench

ROOT = Path(__file__).resolve().parents[2]

# Each case: (size, format) of an upload, made here and processed in a child process.
CASES = {
    "png_7740x7740_bomb": ((7740, 7740), "PNG"),
    "jpeg_8000x6000_48mp": ((8000, 6000), "JPEG"),
    "jpeg_4032x3024_12mp": ((4032, 3024), "JPEG"),
    "png_4000x3000_12mp": ((4000, 3000), "PNG"),
}
CURRENT = """
from core.listings.photos import process_photo
from django.core.exceptions import ValidationError
try:
    process_photo(data, len(data.getvalue()))
    outcome = 'stored'
except ValidationError:
    outcome = 'refused'
"""
# What the pipeline did before: decode whole, turn, copy, then shrink.
BASELINE = """
from PIL import ImageOps
image = Image.open(data); image.load()
image = ImageOps.exif_transpose(image)
clean = Image.new(image.mode, image.size); clean.paste(image); clean.thumbnail((2560, 2560))
outcome = 'stored'
"""
CHILD = """
import io, json, os, resource, sys
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.settings")
import django; django.setup()
from PIL import Image
data = io.BytesIO(open({path!r}, "rb").read())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
{work}
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"file_kb": len(data.getvalue()) // 1024, "rss_before_mb": round(before / 1024), "peak_rss_mb": round(after / 1024), "outcome": outcome}}))
"""


def _measure(path: Path, work: str) -> dict:
    code = CHILD.format(root=str(ROOT), path=str(path), work=work)
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(answer.stdout.strip().splitlines()[-1])


def bench_photos() -> dict:
    results: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, (size, fmt) in CASES.items():
            path = Path(folder) / f"{name}.{fmt.lower()}"
            out = io.BytesIO()
            Image.new("RGB", size, (20, 90, 160)).save(out, fmt)
            path.write_bytes(out.getvalue())
            results[name] = {"current": _measure(path, CURRENT), "baseline_full_decode": _measure(path, BASELINE)}
    return results | {"target": "peak memory per upload well under the baseline; the 60 MP bomb refused from its header"}


def run(bench: "Bench") -> dict:
    return bench_photos()


if __name__ == "__main__":
    print(json.dumps(bench_photos(), indent=2))
