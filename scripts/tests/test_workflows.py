"""The GitHub Actions workflows (.github/workflows): valid for GitHub (JSON
schema, actionlint) and doing what docs/operations.md says they do."""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.processes import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
ACTIONLINT = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.7"
TOOLS = Path(os.environ.get("SAYARA_STATE_DIR", ROOT / ".state")) / "tools"


def load(path: Path) -> dict[str, Any]:
    workflow = yaml.safe_load(path.read_text())
    # YAML 1.1 reads the key `on` as true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def run_commands(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def actionlint() -> str:
    """actionlint from PATH, or built once from the Go module proxy into .state/tools."""
    found = shutil.which("actionlint") or shutil.which("actionlint", path=str(TOOLS))
    if found:
        return found
    if not shutil.which("go"):
        pytest.skip("actionlint is not installed and Go is not there to build it")
    TOOLS.mkdir(parents=True, exist_ok=True)
    built = subprocess.run(
        ["go", "install", ACTIONLINT],
        env={**os.environ, "GOBIN": str(TOOLS)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if built.returncode != 0:
        pytest.skip(f"could not build actionlint ({ACTIONLINT}): {built.stderr[-500:]}")
    return str(TOOLS / "actionlint")


@pytest.mark.parametrize("workflow", [CI, DEPLOY], ids=["ci", "deploy"])
def test_workflows_match_githubs_schema(workflow):
    # The schema ships inside check-jsonschema: no network needed.
    checked = subprocess.run(
        [Path(sys.executable).with_name("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_actionlint_finds_nothing():
    linted = subprocess.run(
        [actionlint(), "-no-color", str(CI), str(DEPLOY)], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_ci_runs_on_every_push_and_pull_request():
    assert set(load(CI)["on"]) == {"push", "pull_request"}


def test_ci_lints_backend_and_frontend():
    jobs = load(CI)["jobs"]

    backend = run_commands(jobs["lint-backend"])
    assert "ruff check ." in backend and "ruff format --check ." in backend
    assert "mypy core search indexer discovery web" in backend
    frontend = jobs["lint-frontend"]
    assert frontend["defaults"]["run"]["working-directory"] == "frontend"
    assert [step.get("run") for step in frontend["steps"] if "run" in step] == ["npm ci", "npm run lint", "npm run typecheck"]


def test_backend_tests_run_against_postgres_redis_and_each_engine():
    job = load(CI)["jobs"]["test-backend"]

    engines = {entry["engine"]: entry for entry in job["strategy"]["matrix"]["include"]}
    assert engines["opensearch"]["image"] == "opensearchproject/opensearch:2.19.1"
    assert engines["elasticsearch"]["image"].startswith("docker.elastic.co/elasticsearch/elasticsearch:8.15.")
    assert "xpack.security.enabled=false" in engines["elasticsearch"]["options"]
    assert "xpack" not in engines["opensearch"]["options"]
    services = job["services"]
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    assert services["search"]["image"] == "${{ matrix.image }}"
    assert services["search"]["env"]["discovery.type"] == "single-node"
    assert services["search"]["env"]["DISABLE_SECURITY_PLUGIN"] == "true"
    assert job["env"]["SAYARA_INSTANCE"] == "test"
    assert job["env"]["SEARCH_ENGINE"] == "${{ matrix.engine }}"
    assert job["env"]["SEARCH_URL"] == "http://127.0.0.1:9200"
    commands = run_commands(job)
    assert "python manage.py makemigrations --check --dry-run" in commands
    assert "pytest" in commands


def test_frontend_unit_and_end_to_end_tests_run():
    jobs = load(CI)["jobs"]

    assert "npm test" in run_commands(jobs["test-frontend"])
    e2e = run_commands(jobs["e2e"])
    assert "npx playwright install --with-deps chromium" in e2e
    assert "npx playwright test" in e2e
    assert e2e.index("scripts/migrate.sh") < e2e.index("manage.py serve") < e2e.index("npx playwright test")


def test_deploy_follows_a_green_ci_on_main():
    workflow = load(DEPLOY)

    assert workflow["on"]["workflow_run"] == {"workflows": ["CI"], "types": ["completed"], "branches": ["main"]}
    condition = workflow["jobs"]["images"]["if"]
    assert "github.event.workflow_run.conclusion == 'success'" in condition
    assert "github.event.workflow_run.event == 'push'" in condition


def test_deploy_pushes_both_images_to_ghcr_then_rolls_out():
    jobs = load(DEPLOY)["jobs"]

    images = jobs["images"]
    assert {entry["image"]: entry["dockerfile"] for entry in images["strategy"]["matrix"]["include"]} == {
        "backend": "Dockerfile",
        "frontend": "frontend/Dockerfile",
    }
    assert images["permissions"]["packages"] == "write"
    assert {"docker/login-action", "docker/build-push-action"} <= set(uses(images))
    login = next(step for step in images["steps"] if step.get("uses", "").startswith("docker/login-action"))
    assert login["with"]["registry"] == "ghcr.io"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "images"
    assert deploy["environment"] == "production"
    commands = run_commands(deploy)
    assert "scripts/deploy.sh" in commands
    assert "secrets.DEPLOY_HOST" in yaml.safe_dump(deploy)


def test_the_rollout_migrates_before_it_replaces_the_services():
    script = (ROOT / "scripts" / "deploy.sh").read_text()

    pull, migrate, up = (script.index(part) for part in ("pull", "run --rm migrate", "up -d"))
    assert pull < migrate < up
    assert "docker-compose.prod.yml" in script
    assert os.access(ROOT / "scripts" / "deploy.sh", os.X_OK)
