"""docker-compose.yml and docker-compose.prod.yml, read without a Docker
engine: valid, in the right order, healthy before their dependants start, and
giving the app every setting it reads. `docker compose config` and `nginx -t`
run too where those tools are installed (CI has Docker)."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.processes import ROOT

BASE = ROOT / "docker-compose.yml"
PROD = ROOT / "docker-compose.prod.yml"
BACKEND = ("migrate", "web", "worker", "beat")
LONG_RUNNING = ("postgres", "redis", "opensearch", "web", "worker", "beat", "frontend")
# Settings the containers need not set, and why.
NOT_IN_CONTAINERS = {
    "FRONTEND_DIST": "the backend image builds the web app where the default points (Dockerfile)",
}
# Only for the web server's processes.
WEB_ONLY = {"WEB_CONCURRENCY", "PROMETHEUS_MULTIPROC_DIR", "POSTGRES_POOL_SIZE"}
# Read by a program other than ours.
READ_BY_OTHERS = {"FORWARDED_ALLOW_IPS": "uvicorn"}
# What production must be given rather than defaulted.
PRODUCTION_SECRETS = {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_CSRF_TRUSTED_ORIGINS", "POSTGRES_PASSWORD"}


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


def services(path: Path = BASE) -> dict[str, Any]:
    return load(path)["services"]


def settings_read() -> set[str]:
    """Every environment variable our code reads through web/env.py."""
    names = set()
    for folder in ("core", "search", "indexer", "discovery", "web"):
        for path in (ROOT / folder).rglob("*.py"):
            if "tests" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id.startswith("env_")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    names.add(node.args[0].value)
    return names


def test_both_files_match_the_compose_specification():
    checked = subprocess.run(
        [Path(sys.executable).with_name("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(BASE), str(PROD)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_stack_has_its_services_and_the_optional_ones_sit_behind_profiles():
    stack = services()

    assert set(stack) == {*LONG_RUNNING, "migrate", "flower", "prometheus", "grafana", "backup"}
    assert {name: stack[name].get("profiles") for name in ("flower", "prometheus", "grafana", "backup")} == {
        "flower": ["flower"],
        "prometheus": ["monitoring"],
        "grafana": ["monitoring"],
        "backup": ["backup"],
    }
    assert not [name for name in (*LONG_RUNNING, "migrate") if stack[name].get("profiles")]
    assert stack["postgres"]["image"] == "postgres:15"
    assert stack["redis"]["image"] == "redis:7"
    assert stack["opensearch"]["image"] == "opensearchproject/opensearch:2.19.1"


def test_every_long_running_service_has_a_healthcheck():
    stack = services()

    assert [name for name in LONG_RUNNING if not stack[name].get("healthcheck", {}).get("test")] == []


def test_every_long_running_service_is_restarted_when_it_exits():
    """Docker is the supervisor in containers (as supervisord is under `make run`):
    a crashed process comes back, with Docker's growing delay between tries."""
    for path in (BASE, PROD):
        stack = services(path)
        assert {name: stack[name].get("restart") for name in LONG_RUNNING} == dict.fromkeys(LONG_RUNNING, "unless-stopped"), path


def test_migrate_runs_once_before_web_and_the_workers():
    stack = services()

    migrate = stack["migrate"]
    assert migrate["command"] == ["scripts/migrate.sh"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}, "opensearch": {"condition": "service_healthy"}}
    for name in ("web", "worker", "beat"):
        assert stack[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}, name
        assert stack[name]["depends_on"]["redis"] == {"condition": "service_healthy"}, name
    assert stack["frontend"]["depends_on"] == {"web": {"condition": "service_healthy"}}


def test_a_service_waited_on_as_healthy_has_a_healthcheck():
    stack = services()

    for name, service in stack.items():
        for dependency, rule in service.get("depends_on", {}).items():
            assert dependency in stack, f"{name} depends on unknown {dependency}"
            if rule["condition"] == "service_healthy":
                assert "healthcheck" in stack[dependency], f"{name} waits for {dependency} to be healthy, which it never reports"


def test_volumes_are_named_and_declared_and_bind_mounts_exist():
    compose = load(BASE)
    declared = set(compose["volumes"])

    used = set()
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name} mounts {source}, which is not in the repository"
            else:
                used.add(source)
    assert used == declared
    assert {"postgres-data", "opensearch-data", "redis-data", "media"} <= declared


def test_the_backend_image_is_built_from_the_dockerfile():
    stack = services()

    for name in BACKEND:
        assert stack[name]["build"] == {"context": ".", "dockerfile": "Dockerfile"}, name
        assert stack[name]["image"] == "${SAYARA_BACKEND_IMAGE:-sayara-backend}:${SAYARA_IMAGE_TAG:-latest}", name
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# syntax=docker/dockerfile:1") and "FROM python:3.11-slim" in dockerfile
    assert "pip install -r requirements/base.txt" in dockerfile
    assert "collectstatic" in dockerfile and "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert "\nUSER sayara\n" in dockerfile
    assert 'CMD ["python", "manage.py", "serve"' in dockerfile


def test_the_frontend_image_is_built_from_frontend_dockerfile():
    frontend = services()["frontend"]

    assert frontend["build"] == {"context": "./frontend", "dockerfile": "Dockerfile"}
    if not (ROOT / "frontend" / "Dockerfile").exists():
        pytest.skip("frontend/Dockerfile is not on this branch yet (the frontend's own work)")
    assert "nginx" in (ROOT / "frontend" / "Dockerfile").read_text()


def test_every_third_party_image_is_pinned():
    for path in (BASE, PROD):
        for name, service in load(path)["services"].items():
            image = service.get("image", "")
            if image and not image.startswith("${"):
                assert ":" in image and not image.endswith(":latest"), f"{name}: {image}"


def test_the_backend_containers_get_every_setting_the_app_reads():
    wanted = settings_read() - set(NOT_IN_CONTAINERS)
    stack = services()

    for name in BACKEND:
        missing = wanted - set(stack[name]["environment"]) - (set() if name == "web" else WEB_ONLY)
        assert missing == set(), f"{name} lacks {sorted(missing)}"


def test_the_compose_files_set_nothing_the_app_does_not_read():
    read = settings_read() | set(READ_BY_OTHERS)

    for path in (BASE, PROD):
        for name in BACKEND:
            service = load(path)["services"].get(name, {})
            unknown = set(service.get("environment") or {}) - read
            assert unknown == set(), f"{path.name}: {name} sets {sorted(unknown)}, which nothing reads"


def test_production_turns_off_debug_turns_on_https_and_demands_its_secrets():
    prod = services(PROD)

    for name in BACKEND:
        env = prod[name]["environment"]
        assert env["DJANGO_DEBUG"] == "0" and env["DJANGO_HTTPS"] == "1", name
        for secret in PRODUCTION_SECRETS:
            assert ":?" in env[secret], f"{name}: {secret} must be required, not defaulted"
    for name in ("web", "worker", "opensearch", "postgres"):
        assert prod[name]["deploy"]["resources"]["limits"]["memory"], name
    assert prod["worker"]["environment"]["CELERY_WORKER_CONCURRENCY"]


def test_prometheus_scrapes_the_web_service_where_it_serves_metrics():
    config = load(ROOT / "deploy" / "prometheus" / "prometheus.yml")

    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert jobs["sayara-web"]["metrics_path"] == "/metrics"
    assert jobs["sayara-web"]["static_configs"][0]["targets"] == ["web:8000"]
    assert "8000" in services()["web"]["expose"]
    assert (ROOT / "deploy" / "prometheus" / "alerts.yml").exists()


def test_grafana_is_provisioned_with_prometheus_and_the_dashboard():
    datasource = load(ROOT / "deploy" / "grafana" / "provisioning" / "datasources" / "prometheus.yml")["datasources"][0]
    provider = load(ROOT / "deploy" / "grafana" / "provisioning" / "dashboards" / "sayara.yml")["providers"][0]

    assert (datasource["uid"], datasource["url"]) == ("prometheus", "http://prometheus:9090")
    assert provider["options"]["path"] == "/etc/grafana/dashboards"
    assert "./deploy/grafana/dashboards:/etc/grafana/dashboards:ro" in services()["grafana"]["volumes"]


def _docker_compose() -> list[str]:
    if (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], capture_output=True, check=False).returncode == 0
    ):
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.skip("Docker Compose is not installed here (CI runs this)")


def test_docker_compose_accepts_both_files_and_demands_production_secrets(tmp_path):
    compose = _docker_compose()
    # An empty --env-file, so no local .env decides the outcome.
    empty = tmp_path / "empty.env"
    empty.write_text("")
    base = [*compose, "--env-file", str(empty), "-f", str(BASE)]
    profiles = ["--profile", "monitoring", "--profile", "flower", "--profile", "backup"]
    secrets = {name: "x" for name in PRODUCTION_SECRETS}
    bare = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}

    plain = subprocess.run([*base, *profiles, "config", "-q"], cwd=ROOT, capture_output=True, text=True, check=False)
    prod = subprocess.run(
        [*base, "-f", str(PROD), *profiles, "config", "-q"],
        cwd=ROOT,
        env={**bare, **secrets},
        capture_output=True,
        text=True,
        check=False,
    )
    unset = subprocess.run(
        [*base, "-f", str(PROD), "config", "-q"],
        cwd=ROOT,
        env=bare,
        capture_output=True,
        text=True,
        check=False,
    )

    assert plain.returncode == 0, plain.stderr
    assert prod.returncode == 0, prod.stderr
    assert unset.returncode != 0 and "required variable" in unset.stderr


def test_nginx_accepts_the_frontend_site(tmp_path):
    nginx = shutil.which("nginx")
    if not nginx:
        pytest.skip("nginx is not installed here")
    site = (ROOT / "deploy" / "nginx" / "default.conf").read_text().replace("server web:8000", "server 127.0.0.1:8000")
    (tmp_path / "site.conf").write_text(site)
    temp_paths = "".join(
        f" {kind}_temp_path {tmp_path}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n access_log off;\n{temp_paths} include {tmp_path}/site.conf;\n}}\n"
    )

    tested = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True, check=False)

    assert tested.returncode == 0, tested.stderr
