"""The browsable API docs render in a real Chromium, from assets the app serves
itself (drf-spectacular-sidecar): no CDN, which networks like ours refuse."""

import os
import shutil
import subprocess

import pytest

from testing.browser import Browser

pytestmark = pytest.mark.django_db(transaction=True)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_docs_page_loads_only_local_assets(asgi_server):
    page = Browser(asgi_server).get("/api/v1/docs/")

    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "unpkg" not in page.text.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page.text


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (scripts/test.sh installs Debian's)")
def test_the_docs_render_every_operation_in_chromium(asgi_server):
    rendered = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=15000",
            "--dump-dom",
            f"{asgi_server}/api/v1/docs/",
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    ).stdout

    assert 'class="swagger-ui' in rendered
    assert "Sayara API" in rendered
    assert rendered.count("opblock-summary-path") > 40
    assert "/api/v1/listings/{listing_id}" in rendered
