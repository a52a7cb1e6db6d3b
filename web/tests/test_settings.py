"""Production settings, read as a deploy reads them: from the environment of a
fresh process (settings are fixed at import, so each case gets its own)."""

import base64
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys

from scripts.processes import ROOT

# What a production deploy sets (docker-compose.prod.yml, docs/operations.md).
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "sayara.bh,www.sayara.bh",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://sayara.bh,https://www.sayara.bh",
    "DJANGO_HTTPS": "1",
}
OURS = ("DJANGO_", "SENTRY_", "LOG_", "CSP_", "WEB_CONCURRENCY", "CELERY_WORKER_CONCURRENCY", "FRONTEND_DIST", "S3_")


def environment(**overrides: str) -> dict[str, str]:
    """This machine's environment without any of our settings, plus `overrides`."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(OURS)}
    env.update({"SAYARA_INSTANCE": "test_settings", "PYTHONWARNINGS": "ignore", **overrides})
    return env


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(**env), capture_output=True, text=True, check=False
    )


def in_django(code: str, **env: str) -> dict:
    """Run `code` (which sets `result`) in a fresh Django process; return `result`."""
    script = "import django, json\ndjango.setup()\n" + code + "\nprint(json.dumps(result))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment(DJANGO_SETTINGS_MODULE="web.settings", **env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


FETCH = """
from django.test import Client
client = Client()
def fetch(path, **headers):
    response = client.get(path, headers=headers)
    return {"status": response.status_code, "location": response.get("Location"),
            "hsts": response.get("Strict-Transport-Security"), "csp": response.get("Content-Security-Policy")}
"""


def issues(output: str) -> list[str]:
    """The check ids a `manage.py check` run reported ("security.W004", ...)."""
    return re.findall(r"^\S*: \(([\w.]+)\)", output, flags=re.MULTILINE)


def test_check_deploy_is_clean_with_the_production_environment():
    checked = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    output = checked.stdout + checked.stderr
    # drf-spectacular's schema warnings belong to `spectacular --validate`, not to the deploy's security.
    assert [issue for issue in issues(output) if not issue.startswith("drf_spectacular.")] == [], output
    assert "ERRORS:" not in output


def test_check_deploy_flags_a_deploy_that_forgot_https_and_its_secret():
    checked = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_DEBUG="0")

    assert checked.returncode != 0
    assert {"security.W004", "security.W008", "security.W009", "security.W012", "security.W016"} <= set(issues(checked.stderr))


def test_local_runs_keep_plain_http_and_debug_without_any_environment():
    result = in_django(
        "from django.conf import settings\n"
        "result = {'debug': settings.DEBUG, 'redirect': settings.SECURE_SSL_REDIRECT, "
        "'secure_cookie': settings.SESSION_COOKIE_SECURE, 'hsts': settings.SECURE_HSTS_SECONDS, "
        "'proxy': getattr(settings, 'SECURE_PROXY_SSL_HEADER', None), 'log_format': settings.LOG_FORMAT}"
    )

    assert result == {"debug": True, "redirect": False, "secure_cookie": False, "hsts": 0, "proxy": None, "log_format": "plain"}


def test_production_redirects_to_https_and_sends_hsts_behind_the_proxy():
    result = in_django(
        FETCH + "result = {'plain': fetch('/api/v1/catalog/enums', host='sayara.bh'), "
        "'proxied': fetch('/api/v1/catalog/enums', host='sayara.bh', x_forwarded_proto='https'), "
        "'probe': fetch('/healthz', host='sayara.bh')}",
        **PRODUCTION,
    )

    assert result["plain"]["status"] == 301
    assert result["plain"]["location"] == "https://sayara.bh/api/v1/catalog/enums"
    assert result["proxied"]["status"] == 200
    assert result["proxied"]["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in result["proxied"]["csp"]
    assert result["probe"]["status"] == 200  # health probes speak plain HTTP inside the network


def test_the_content_security_policy_allows_the_apps_own_inline_script_by_its_hash(tmp_path):
    script = "document.documentElement.dir = 'rtl';"
    (tmp_path / "index.html").write_text(f"<html><head><script>{script}</script></head><body></body></html>")
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"

    result = in_django(
        FETCH + "result = fetch('/search')",
        FRONTEND_DIST=str(tmp_path),
        S3_BUCKET="sayara-photos",
        S3_CUSTOM_DOMAIN="photos.sayara.bh",
    )

    assert result["status"] == 200
    directives = {part.split()[0]: part.split()[1:] for part in result["csp"].split("; ")}
    assert directives["script-src"] == ["'self'", expected]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:", "blob:", "https://photos.sayara.bh"]
    assert "'self'" in directives["connect-src"] and "ws://localhost:*" in directives["connect-src"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_worker_counts_follow_the_cpus_unless_set():
    code = (
        "from django.conf import settings\n"
        "result = [settings.CPU_COUNT, settings.WEB_CONCURRENCY, settings.CELERY_WORKER_CONCURRENCY]"
    )
    cpus, web, celery = in_django(code)
    assert web == min(2 * cpus + 1, 9)
    assert celery == min(cpus, 8)

    assert in_django(code, WEB_CONCURRENCY="3", CELERY_WORKER_CONCURRENCY="5")[1:] == [3, 5]


def test_production_hashes_passwords_slowly_though_the_test_run_does_not():
    # The suite's settings (testing/settings.py) hash with a thousand iterations; a deploy never does.
    code = (
        "from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher\n"
        "result = [get_hasher().algorithm, get_hasher().iterations, PBKDF2PasswordHasher.iterations]"
    )
    algorithm, iterations, djangos = in_django(code, **PRODUCTION)

    assert algorithm == "pbkdf2_sha256"
    assert iterations == djangos >= 1_000_000


def test_sentry_reports_when_a_dsn_is_set_and_not_otherwise():
    code = "import sentry_sdk\nresult = sentry_sdk.get_client().is_active()"

    assert in_django(code) is False
    assert in_django(code, SENTRY_DSN="https://public@sentry.invalid/1") is True


def test_an_unknown_log_format_is_refused_by_name():
    checked = manage("check", LOG_FORMAT="xml")

    assert checked.returncode != 0
    assert "LOG_FORMAT must be one of plain, json, not 'xml'." in checked.stderr
