"""The saved dashboard (deploy/dashboards/sayara-market.ndjson) and its compose
service read what the listings index really holds (search/index.py), and no figure
of it mixes currencies."""

import json
import re
import uuid
from pathlib import Path

import yaml
from django.conf import settings

from core.catalog.countries import CURRENCY_DECIMALS, DEFAULT_COUNTRY
from search.engine import get_engine
from search.engines.base import BulkOp
from search.index import listings_index_body

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "deploy" / "dashboards" / "sayara-market.ndjson"
COMPOSE = ROOT / "deploy" / "compose.analytics.yml"
AGGREGATABLE = {"keyword", "long", "integer", "short", "date"}


def saved_objects() -> list[dict]:
    return [json.loads(line) for line in EXPORT.read_text(encoding="utf-8").splitlines() if line.strip()]


def mapping() -> dict[str, dict]:
    return listings_index_body(synonyms=[])["mappings"]["properties"]


def scripted_fields() -> dict[str, dict]:
    (pattern,) = [obj for obj in saved_objects() if obj["type"] == "index-pattern"]
    return {field["name"]: field for field in json.loads(pattern["attributes"]["fields"])}


def visualizations() -> list[dict]:
    """Each visualization's state (title, params, aggs)."""
    return [json.loads(obj["attributes"]["visState"]) for obj in saved_objects() if obj["type"] == "visualization"]


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

    for phrase in ("listings by make", "median asking price by model year", "per region", "new listings over time"):
        assert any(phrase in title for title in titles), phrase


def test_the_scripted_price_divides_by_each_currencys_own_decimals():
    (price,) = scripted_fields().values()
    decimals = {code: int(places) for code, places in re.findall(r"'([A-Z]{3})': (\d)", price["script"])}

    assert price["name"] == "price"
    assert decimals == CURRENCY_DECIMALS


def test_the_scripted_price_is_each_listings_price_in_its_own_currency_on_the_engine():
    """The painless script as the engine runs it: 8,500.250 dinars, 85,000.25 riyals, a listing without a price."""
    (price,) = scripted_fields().values()
    engine = get_engine()
    index = f"{settings.SEARCH_INDEX_PREFIX}-dashboards-{uuid.uuid4().hex[:8]}"
    engine.create_index(index, listings_index_body(synonyms=[]))
    try:
        documents = {
            "1": {"price_minor": 8_500_250, "currency": "BHD", "country": "bh"},
            "2": {"price_minor": 8_500_025, "currency": "SAR", "country": "sa"},
            "3": {"price_minor": 1_250_500, "currency": "KWD", "country": "kw"},
            "4": {"currency": "AED", "country": "ae"},
        }
        engine.bulk([BulkOp("index", index, key, 1, document) for key, document in documents.items()], refresh="true")
        body = {"size": 10, "script_fields": {"price": {"script": {"lang": price["lang"], "source": price["script"]}}}}

        hits = engine.search(index, body)["hits"]["hits"]
    finally:
        engine.delete_index(index)

    assert {hit["_id"]: hit["fields"]["price"] for hit in hits} == {"1": [8500.25], "2": [85000.25], "3": [1250.5], "4": [None]}


def test_every_price_figure_is_split_by_currency_and_never_summed():
    scripted = set(scripted_fields())
    priced = [state for state in visualizations() if any(agg["params"].get("field") in scripted for agg in state["aggs"])]

    assert len(priced) == 3
    for state in priced:
        buckets = [agg["params"]["field"] for agg in state["aggs"] if agg["schema"] in ("bucket", "group", "split")]
        assert "currency" in buckets, state["title"]
        assert state["params"].get("showTotal", False) is False, state["title"]  # a total row adds medians up


def test_the_dashboard_opens_on_the_default_country_in_a_filter_an_analyst_edits():
    (dashboard,) = [obj for obj in saved_objects() if obj["type"] == "dashboard"]
    search_source = json.loads(dashboard["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
    (country,) = search_source["filter"]

    assert country["meta"]["key"] == "country" and country["meta"]["disabled"] is False
    assert country["query"] == {"match_phrase": {"country": DEFAULT_COUNTRY}}
    assert mapping()["country"]["type"] == "keyword"
    assert {"name": country["meta"]["indexRefName"], "type": "index-pattern", "id": "sayara-listings"} in dashboard["references"]


def test_what_analysts_read_names_regions_and_no_one_currency():
    for obj in saved_objects():
        if obj["type"] in ("visualization", "dashboard"):
            text = json.dumps(obj["attributes"], ensure_ascii=False)
            assert "governorate" not in text.lower(), obj["id"]
            assert not [code for code in CURRENCY_DECIMALS if code in text], obj["id"]


def test_the_compose_override_runs_dashboards_in_the_analytics_profile():
    service = yaml.safe_load(COMPOSE.read_text())["services"]["dashboards"]

    assert service["image"] == "opensearchproject/opensearch-dashboards:2.19.1"
    assert service["profiles"] == ["analytics"]
    assert service["environment"]["DISABLE_SECURITY_DASHBOARDS_PLUGIN"] == "true"
    assert "OPENSEARCH_HOSTS" in service["environment"]
