"""Production's door: the real nginx with the shipped site (deploy/nginx/default.conf)
in front of the real ASGI server. nginx serves the build's hashed bundles itself;
the app's pages, robots.txt and the sitemap reach Django, so a shared link keeps the
car's own head and the shell's inline script is allowed by the page's one CSP."""

import gzip
import os
import shutil
from pathlib import Path

import pytest
import requests

from scripts.processes import ROOT, Process, WebProcess, free_port
from testing.listings import make_listing
from testing.processes import worker_env
from web.content_policy import inline_script_hashes
from web.tests.test_seo import Head

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/lib.sh installs it)"),
]
SCRIPT = b"console.log('sayara');\n" * 200
SHELL = """<!doctype html>
<html lang="en" dir="ltr">
  <head>
    <meta name="description" content="Sayara — generic." />
    <title>Sayara · سيارة</title>
    <script>document.documentElement.dir = "ltr";</script>
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
"""


class NginxProcess(Process):
    """nginx in the foreground with the shipped site, its upstream and root pointed here."""

    def __init__(self, log_dir: Path, *, upstream_port: int, root: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        site = (ROOT / "deploy" / "nginx" / "default.conf").read_text()
        for shipped, here in (
            ("server web:8000;", f"server 127.0.0.1:{upstream_port};"),
            ("listen 80;", f"listen 127.0.0.1:{self.port};"),
            ("root /usr/share/nginx/html;", f"root {root};"),
        ):
            assert shipped in site, shipped
            site = site.replace(shipped, here)
        (log_dir / "site.conf").write_text(site)
        temp_paths = "".join(
            f" {kind}_temp_path {log_dir}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # As root, workers would run as nobody, who may not read the test's temporary folders.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (log_dir / "nginx.conf").write_text(
            f"{user}pid {log_dir}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
            f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n{temp_paths} include {log_dir}/site.conf;\n}}\n"
        )
        command = [str(NGINX), "-c", str(log_dir / "nginx.conf"), "-g", "daemon off;"]
        super().__init__("nginx", command, env=dict(os.environ), log_dir=log_dir)

    def ready(self) -> bool:
        if not super().ready():
            return False
        try:
            return requests.get(f"{self.url}/nginx-health", timeout=2).ok
        except requests.RequestException:
            return False


@pytest.fixture(scope="module")
def site(django_db_setup, tmp_path_factory):
    """nginx with the frontend image's build in front of web with the backend image's:
    the same bundle in both, and one only web has."""
    web_dist, nginx_dist = tmp_path_factory.mktemp("web-dist"), tmp_path_factory.mktemp("nginx-dist")
    for dist in (web_dist, nginx_dist):
        (dist / "assets").mkdir()
        (dist / "index.html").write_text(SHELL)
        (dist / "assets" / "index-Ab12Cd34.js").write_bytes(SCRIPT)
        (dist / "assets" / "index-Ab12Cd34.js.gz").write_bytes(gzip.compress(SCRIPT))
    (web_dist / "assets" / "later-Zz98Yy76.js").write_bytes(SCRIPT)
    logs = tmp_path_factory.mktemp("behind-nginx")
    web = WebProcess(worker_env(FRONTEND_DIST=str(web_dist), SITE_URL="https://sayara.example"), logs).start()
    nginx = NginxProcess(logs, upstream_port=web.port, root=nginx_dist).start()
    yield nginx.url, web_dist
    nginx.stop()
    web.stop()


def test_a_listing_link_answers_with_the_cars_own_head_and_one_policy_that_allows_the_shells_script(site):
    url, web_dist = site
    listing = make_listing(price="18500.000")

    answer = requests.get(f"{url}/listings/{listing.pk}", timeout=10)

    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/html")
    head = Head(answer.text)
    assert head.title.startswith(f"{listing.title} · BHD 18,500")
    assert head.meta["og:title"].startswith(listing.title)
    assert answer.headers["Cache-Control"] == "no-cache"
    policy = answer.headers["Content-Security-Policy"]
    assert "," not in policy  # one policy (two would both apply: nginx's would block the script)
    (script_hash,) = inline_script_hashes(web_dist / "index.html")
    assert script_hash in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert answer.headers["X-Frame-Options"] == "DENY" and answer.headers["X-Content-Type-Options"] == "nosniff"


def test_robots_and_the_sitemap_are_djangos(site):
    url, _ = site

    robots = requests.get(f"{url}/robots.txt", timeout=10)
    sitemap = requests.get(f"{url}/sitemap.xml", timeout=10)

    assert robots.status_code == 200 and robots.headers["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://sayara.example/sitemap.xml" in robots.text
    assert sitemap.status_code == 200 and "<sitemapindex" in sitemap.text


def test_hashed_bundles_come_from_nginx_gzipped_and_immutable_and_any_it_lacks_from_web(site):
    url, _ = site

    bundle = requests.get(f"{url}/assets/index-Ab12Cd34.js", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=10)
    later = requests.get(f"{url}/assets/later-Zz98Yy76.js", timeout=10)
    missing = requests.get(f"{url}/assets/nowhere-Qq11Ww22.js", timeout=10)

    assert bundle.status_code == 200 and bundle.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(bundle.raw.read()) == SCRIPT
    assert bundle.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert later.status_code == 200 and later.content == SCRIPT and "immutable" in later.headers["Cache-Control"]
    assert missing.status_code == 404


def test_the_api_and_the_apps_other_routes_reach_django(site):
    url, _ = site

    enums = requests.get(f"{url}/api/v1/catalog/enums", timeout=10)
    sell = requests.get(f"{url}/sell", timeout=10)

    assert enums.status_code == 200 and "body_type" in enums.json()
    assert sell.status_code == 200 and "<title>" in sell.text and "Content-Security-Policy" in sell.headers
