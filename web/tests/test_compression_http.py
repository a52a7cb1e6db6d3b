"""Compressed answers and caching over real HTTP (web/compression.py, web/settings.py
WhiteNoise): the build's precompressed files, gzip for text answers, never for photos."""

import gzip
import io

import brotli
import pytest
import requests
from PIL import Image

from core.listings.photos import listing_photo_add
from scripts.processes import WebProcess
from testing.listings import make_listing
from testing.processes import worker_env

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = b"console.log('sayara');\n" * 200


@pytest.fixture(scope="module")
def served(django_db_setup, tmp_path_factory):
    """A web server whose built app is a small dist/ as the build lays it out."""
    dist = tmp_path_factory.mktemp("dist")
    (dist / "assets").mkdir()
    body = "<p>Sayara</p>" * 100
    (dist / "index.html").write_text(
        f'<html><head><meta name="description" content="x" /><title>S</title></head><body>{body}</body></html>'
    )
    (dist / "assets" / "index-Ab12Cd34.js").write_bytes(SCRIPT)
    (dist / "assets" / "index-Ab12Cd34.js.br").write_bytes(brotli.compress(SCRIPT))
    (dist / "assets" / "index-Ab12Cd34.js.gz").write_bytes(gzip.compress(SCRIPT))
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    web = WebProcess(worker_env(FRONTEND_DIST=str(dist)), tmp_path_factory.mktemp("web-compression")).start()
    yield web.url
    web.stop()


def test_hashed_assets_come_precompressed_and_cached_for_a_year(served):
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        answer = requests.get(
            f"{served}/assets/index-Ab12Cd34.js", headers={"Accept-Encoding": encoding}, stream=True, timeout=10
        )
        assert answer.status_code == 200
        assert answer.headers["Content-Encoding"] == encoding
        assert decode(answer.raw.read()) == SCRIPT
        assert "immutable" in answer.headers["Cache-Control"] and "max-age=31536000" in answer.headers["Cache-Control"]
        assert "Accept-Encoding" in answer.headers["Vary"]
    # Names without a hash may change: not kept for a year.
    assert "immutable" not in requests.get(f"{served}/favicon.svg", timeout=10).headers.get("Cache-Control", "")


def test_api_answers_and_the_shell_are_gzipped_for_browsers_that_take_it(served):
    answer = requests.get(f"{served}/api/v1/catalog/enums", headers={"Accept-Encoding": "gzip, br"}, timeout=10)

    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "body_type" in answer.json()
    shell = requests.get(f"{served}/sell", headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert shell.headers["Content-Encoding"] == "gzip" and shell.headers["Cache-Control"] == "no-cache"
    plain = requests.get(f"{served}/api/v1/catalog/enums", headers={"Accept-Encoding": "identity"}, timeout=10)
    assert "Content-Encoding" not in plain.headers


def test_photos_are_sent_as_they_are(served):
    listing = make_listing()
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "red").save(out, "JPEG")
    photo = listing_photo_add(listing_id=listing.pk, upload=io.BytesIO(out.getvalue()), size=len(out.getvalue()))

    answer = requests.get(served + photo.image.url, headers={"Accept-Encoding": "gzip"}, timeout=10)

    assert answer.status_code == 200
    assert "Content-Encoding" not in answer.headers
