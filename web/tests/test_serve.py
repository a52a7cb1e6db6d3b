"""`manage.py serve` as the container runs it: several uvicorn workers behind
one port, metrics that add up all of them, JSON logs when asked for."""

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from scripts.processes import ROOT
from testing.processes import wait_until, worker_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(django_db_setup, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    port = free_port()
    metrics_dir = tmp_path / "metrics"
    log = tmp_path / "serve.log"
    env = worker_env(WEB_CONCURRENCY="2", PROMETHEUS_MULTIPROC_DIR=str(metrics_dir), LOG_FORMAT="json")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        try:
            return requests.get(f"{url}/healthz", timeout=2).status_code == 200
        except requests.RequestException:  # not listening yet, or too slow to answer on a loaded machine
            return False

    try:
        wait_until(healthy, timeout=90, interval=0.25, message="manage.py serve")
        yield url, metrics_dir, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request_count(metrics_text: str, route: str) -> float:
    total = 0.0
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == "sayara_http_request_duration_seconds_count" and sample.labels["route"] == route:
                total += sample.value
    return total


def test_metrics_add_up_the_requests_of_every_worker(server):
    url, metrics_dir, _ = server

    for _ in range(12):
        # A new connection each time, so both workers get a share.
        assert requests.get(f"{url}/api/v1/catalog/enums", headers={"Connection": "close"}, timeout=10).status_code == 200
    # Every scrape, whichever worker answers it, sees all twelve.
    scrapes = [requests.get(f"{url}/metrics", headers={"Connection": "close"}, timeout=10).text for _ in range(4)]

    assert [request_count(text, "api/v1/catalog/enums") for text in scrapes] == [12.0] * 4
    assert any(metrics_dir.glob("histogram_*.db"))


def test_logs_are_json_lines_when_log_format_is_json(server):
    url, _, log = server
    requests.get(f"{url}/api/v1/catalog/enums", timeout=10)

    def access_logged() -> list[dict]:
        records = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
        return [record for record in records if record["logger"] == "uvicorn.access"]

    access = cast(list[dict], wait_until(access_logged, timeout=10, message="an access log line"))
    assert {"time", "level", "logger", "message"} <= set(access[0])
    assert "/api/v1/catalog/enums" in access[-1]["message"]
