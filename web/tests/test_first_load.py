"""What a page needs first, named in its HTML (web/first_load.py): the page's chunks
preloaded from the build manifest, the catalog's answers in a data block, and the
listing's first photo preloaded at the size the gallery shows."""

import io
import json
import re
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from core.listings.photos import listing_photo_add
from testing.catalog import toyota_land_cruiser
from testing.listings import make_listing
from web import first_load, seo

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# A built shell and its manifest, as `vite build` writes them (frontend/vite.config.ts).
SHELL = """<!doctype html>
<html lang="en" dir="ltr">
  <head>
    <title>Sayara</title>
    <script type="module" crossorigin src="/assets/index-1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-1.js">
  </head>
  <body><div id="root"></div></body>
</html>
"""
MANIFEST = {
    "index.html": {"file": "assets/index-1.js", "isEntry": True, "imports": ["_react-1.js"]},
    "_react-1.js": {"file": "assets/react-1.js"},
    "_card-1.js": {"file": "assets/card-1.js", "imports": ["_react-1.js"]},
    "_price-1.js": {"file": "assets/price-1.js", "imports": ["_react-1.js"]},
    "src/app/routes/home.tsx": {"file": "assets/home-1.js", "isDynamicEntry": True, "imports": ["_card-1.js", "_react-1.js"]},
    "src/app/routes/search.tsx": {"file": "assets/search-1.js", "isDynamicEntry": True, "imports": ["_card-1.js"]},
    "src/app/routes/listing-detail.tsx": {
        "file": "assets/listing-detail-1.js",
        "isDynamicEntry": True,
        "imports": ["_price-1.js", "_card-1.js"],
    },
    "src/locales/ar.json": {"file": "assets/ar-1.js", "isDynamicEntry": True},
}
MODULEPRELOAD = re.compile(r'<link rel="modulepreload" crossorigin href="([^"]+)"')
FIRST_ANSWERS = re.compile(r'<script type="application/json" id="first-answers">(.*?)</script>', re.DOTALL)


@pytest.fixture
def shell(settings, tmp_path):
    (tmp_path / "index.html").write_text(SHELL, encoding="utf-8")
    (tmp_path / ".vite").mkdir()
    (tmp_path / ".vite" / "manifest.json").write_text(json.dumps(MANIFEST), encoding="utf-8")
    settings.FRONTEND_DIST = tmp_path
    return Client()


def test_each_known_page_preloads_its_own_chunks_and_no_chunk_twice(shell):
    listing = make_listing(car=toyota_land_cruiser())

    preloaded = {
        path: MODULEPRELOAD.findall(shell.get(path).content.decode()) for path in ("/", "/search", f"/listings/{listing.pk}")
    }

    # The shell's own chunks stay as built; each page adds its chunk first, then what that imports.
    assert preloaded == {
        "/": ["/assets/react-1.js", "/assets/home-1.js", "/assets/card-1.js"],
        "/search": ["/assets/react-1.js", "/assets/search-1.js", "/assets/card-1.js"],
        f"/listings/{listing.pk}": [
            "/assets/react-1.js",
            "/assets/listing-detail-1.js",
            "/assets/price-1.js",
            "/assets/card-1.js",
        ],
    }
    # The country addresses are the same pages (/sa/search: frontend/src/app/routes.tsx).
    assert MODULEPRELOAD.findall(shell.get("/sa/search").content.decode()) == preloaded["/search"]
    assert MODULEPRELOAD.findall(shell.get(f"/bh/listings/{listing.pk}").content.decode()) == preloaded[f"/listings/{listing.pk}"]


def test_a_page_asked_in_arabic_preloads_the_arabic_catalog_the_first_bundle_leaves_out(shell):
    english = MODULEPRELOAD.findall(shell.get("/search").content.decode())
    arabic = MODULEPRELOAD.findall(shell.get("/search?lang=ar").content.decode())

    assert "/assets/ar-1.js" not in english
    assert arabic == [*english, "/assets/ar-1.js"]


def test_the_catalog_answers_come_with_the_page_exactly_as_the_api_gives_them(shell):
    toyota_land_cruiser()

    html = shell.get("/search?lang=ar").content.decode()

    [block] = FIRST_ANSWERS.findall(html)
    answers = json.loads(block)
    assert answers == {path: shell.get(path).json() for path in first_load.FIRST_ANSWERS}
    assert any(make["slug"] == "toyota" for make in answers["/api/v1/catalog/makes"])
    # A data block the app reads, after the app's root: nothing in it runs.
    assert html.index('id="root"') < html.index('id="first-answers"')


def test_other_pages_get_the_shell_as_built(shell):
    html = shell.get("/sign-in").content.decode()

    assert MODULEPRELOAD.findall(html) == ["/assets/react-1.js"] and not FIRST_ANSWERS.search(html)


def test_a_build_without_a_manifest_still_serves_every_page(shell, settings):
    (settings.FRONTEND_DIST / ".vite" / "manifest.json").unlink()

    answer = shell.get("/")

    assert answer.status_code == 200 and MODULEPRELOAD.findall(answer.content.decode()) == ["/assets/react-1.js"]


def test_the_listing_page_fetches_its_first_photo_at_the_size_the_gallery_shows(shell):
    listing = make_listing(car=toyota_land_cruiser())
    for shade in (40, 200):
        data = io.BytesIO()
        Image.new("RGB", (1600, 1200), (shade, 90, 160)).save(data, "JPEG")
        listing_photo_add(listing_id=listing.pk, upload=io.BytesIO(data.getvalue()), size=len(data.getvalue()))

    html = shell.get(f"/listings/{listing.pk}").content.decode()

    [preload] = re.findall(r'<link rel="preload" as="image"[^>]*>', html)
    gallery = shell.get(f"/api/v1/listings/{listing.pk}").json()["photos"][0]
    assert f'href="{gallery["url"]}"' in preload and f'imagesrcset="{gallery["srcset"]}"' in preload
    assert 'fetchpriority="high"' in preload
    # The sizes the gallery's <img> says, so the browser picks the same file for both.
    source = (ROOT / "frontend/src/features/listings/components/listing-gallery.tsx").read_text()
    assert f'const GALLERY_SIZES = "{seo.GALLERY_SIZES}";' in source
    assert f'imagesizes="{seo.GALLERY_SIZES}"' in preload
