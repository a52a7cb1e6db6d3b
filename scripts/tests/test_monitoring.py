"""The Grafana dashboard and the Prometheus alerts ask only for figures that
/metrics really serves, so no panel or alert stays silently empty."""

import json
import re

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from indexer.relay import relay_outbox
from scripts.processes import ROOT

pytestmark = pytest.mark.django_db

DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "sayara.json"
ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yml"
METRIC = re.compile(r"\bsayara_[a-z_]+")
HISTOGRAM_PARTS = ("_bucket", "_count", "_sum")


def served_families(api) -> set[str]:
    # As on a running site: the relay has run, and each histogram has observed something.
    relay_outbox()
    assert api.get("/api/v1/search/listings").status_code == 200
    families = text_string_to_metric_families(api.get("/metrics").content.decode())
    return {family.name for family in families}


def family_of(name: str) -> str:
    for suffix in HISTOGRAM_PARTS:
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


def dashboard_expressions() -> list[str]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [target["expr"] for panel in panels for target in panel.get("targets", [])]


def test_every_dashboard_panel_queries_metrics_that_exist(api, fresh_index):
    served = served_families(api)

    wanted = {family_of(name) for expr in dashboard_expressions() for name in METRIC.findall(expr)}
    assert wanted - served == set()


def test_the_dashboard_shows_what_operators_watch():
    titles = {panel["title"] for panel in json.loads(DASHBOARD.read_text())["panels"]}
    expressions = "\n".join(dashboard_expressions())

    assert {
        "Request latency",
        "Search latency (engine)",
        "Outbox backlog",
        "Oldest outbox age",
        "Index lag (documents)",
    } <= titles
    assert "Celery queue length" in titles
    for metric in (
        "sayara_http_request_duration_seconds_bucket",
        "sayara_search_engine_duration_seconds_bucket",
        "sayara_outbox_backlog",
        "sayara_outbox_oldest_age_seconds",
        "sayara_index_lag_documents",
        "sayara_celery_queue_length",
    ):
        assert metric in expressions


def test_every_alert_uses_metrics_that_exist(api, fresh_index):
    served = served_families(api) | {"up"}
    rules = [rule for group in yaml.safe_load(ALERTS.read_text())["groups"] for rule in group["rules"]]

    for rule in rules:
        wanted = {family_of(name) for name in METRIC.findall(rule["expr"])}
        assert wanted - served == set(), rule["alert"]
        assert rule["annotations"]["summary"] and rule["labels"]["severity"] in {"warning", "critical"}
