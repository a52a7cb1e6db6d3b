"""The saved dashboard (deploy/dashboards/sayara-market.ndjson) and its compose
service read what the listings index really holds (search/index.py)."""

import json
import re
from pathlib import Path

import yaml

from search.index import listings_index_body

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "deploy" / "dashboards" / "sayara-market.ndjson"
COMPOSE = ROOT / "deploy" / "compose.analytics.yml"
AGGREGATABLE = {"keyword", "long", "integer", "short", "date"}


def saved_objects() -> list[dict]:
    return [json.loads(line) for line in EXPORT.read_text(encoding="utf-8").splitlines() if line.strip()]


def mapping() -> dict[str, dict]:
    return listings_index_body(synonyms=[])["mappings"]["properties"]


def test_every_reference_resolves_within_the_export():
    objects = saved_objects()
    ids = {(obj["type"], obj["id"]) for obj in objects}

    assert [obj["type"] for obj in objects].count("dashboard") == 1
    for obj in objects:
        for reference in obj["references"]:
            assert (reference["type"], reference["id"]) in ids, reference


def test_the_index_pattern_is_the_listings_alias_over_published_at():
    (pattern,) = [obj for obj in saved_objects() if obj["type"] == "index-pattern"]
    properties = mapping()

    assert pattern["attributes"]["title"] == "sayara-listings"
    assert properties[pattern["attributes"]["timeFieldName"]]["type"] == "date"
    for field in json.loads(pattern["attributes"]["fields"]):
        assert field["scripted"] is True
        assert set(re.findall(r"doc\['(\w+)'\]", field["script"])) <= set(properties)


def test_every_visualization_aggregates_fields_the_index_has():
    objects = saved_objects()
    (pattern,) = [obj for obj in objects if obj["type"] == "index-pattern"]
    scripted = {field["name"] for field in json.loads(pattern["attributes"]["fields"])}
    properties = mapping()
    titles = []

    for obj in objects:
        if obj["type"] != "visualization":
            continue
        state = json.loads(obj["attributes"]["visState"])
        titles.append(state["title"])
        for agg in state["aggs"]:
            field = agg["params"].get("field")
            if field is not None:
                assert field in scripted or properties[field]["type"] in AGGREGATABLE, (state["title"], field)
        query = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
        for name in re.findall(r"(\w+):", query):
            assert name in properties

    for phrase in ("listings by make", "median asking price by model year", "per governorate", "new listings over time"):
        assert any(phrase in title for title in titles), phrase


def test_the_compose_override_runs_dashboards_in_the_analytics_profile():
    service = yaml.safe_load(COMPOSE.read_text())["services"]["dashboards"]

    assert service["image"] == "opensearchproject/opensearch-dashboards:2.19.1"
    assert service["profiles"] == ["analytics"]
    assert service["environment"]["DISABLE_SECURITY_DASHBOARDS_PLUGIN"] == "true"
    assert "OPENSEARCH_HOSTS" in service["environment"]
