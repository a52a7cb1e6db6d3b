"""The engine seam's contract (search/engines/base.py), run against every
engine that is configured: OpenSearch and Elasticsearch must behave alike for
everything Sayara asks of them.

- OpenSearch: OPENSEARCH_URL, or SEARCH_URL when SEARCH_ENGINE=opensearch.
- Elasticsearch: ELASTICSEARCH_URL, or SEARCH_URL when SEARCH_ENGINE=elasticsearch.

An engine without a URL is skipped (the reason says which variable to set); a
configured one must answer. Every test works in its own indices, named with a
prefix unique to this run, and deletes them afterwards.
"""

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from core.catalog.models import Make
from core.catalog.services import catalog_data, catalog_load
from search.engine import build_engine
from search.engines.base import BulkOp, EngineError, EngineTimeout, EngineUnavailable, SearchEngine
from search.params import SearchRequest
from search.query import facet_results, search_body
from testing.index import shipped_index_body

pytestmark = pytest.mark.django_db  # the real index body carries the catalog's synonyms

RUN_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}-contract-{uuid.uuid4().hex[:8]}"


def _engine_url(engine: str) -> str:
    own = os.environ.get(f"{engine.upper()}_URL", "")
    return own or (settings.SEARCH_URL if settings.SEARCH_ENGINE == engine else "")


def _engines() -> list[Any]:
    params = []
    for engine in ("opensearch", "elasticsearch"):
        url = _engine_url(engine)
        marks = [] if url else [pytest.mark.skip(reason=f"no {engine} configured: set {engine.upper()}_URL to run its contract")]
        params.append(pytest.param((engine, url), id=engine, marks=marks))
    return params


class Indices:
    """Names indices under this run's prefix and deletes every one it named."""

    def __init__(self, engine: SearchEngine) -> None:
        self.engine = engine
        self.names: list[str] = []

    def name(self, label: str) -> str:
        name = f"{RUN_PREFIX}-{label}-{uuid.uuid4().hex[:6]}"
        self.names.append(name)
        return name

    def create(self, label: str, **body_overrides: Any) -> str:
        name = self.name(label)
        self.engine.create_index(name, shipped_index_body(**body_overrides))
        return name

    def cleanup(self) -> None:
        for name in self.names:
            self.engine.delete_index(name)


@pytest.fixture(autouse=True)
def catalog() -> None:
    """The catalog whose names make the synonyms (a transactional test elsewhere may have flushed it)."""
    if not Make.objects.exists():
        catalog_load(catalog_data())


@pytest.fixture(params=_engines())
def engine(request: pytest.FixtureRequest) -> SearchEngine:
    name, url = request.param
    return build_engine(engine=name, url=url, timeout=10.0)


@pytest.fixture
def indices(engine: SearchEngine) -> Iterator[Indices]:
    created = Indices(engine)
    yield created
    created.cleanup()


def document(
    listing_id: int, version: int, *, make: str = "toyota", model: str = "land-cruiser", **fields: Any
) -> dict[str, Any]:
    """A listing document as indexer/documents.py makes it (the fields a search needs)."""
    return {
        "id": listing_id,
        "version": version,
        "status": "active",
        "make": make,
        "model": model,
        "make_model": f"{make}/{model}",
        "make_name_en": make.title(),
        "model_name_en": model.replace("-", " ").title(),
        "title": f"{make.title()} {model} v{version}",
        "year": 2020,
        "price_minor": 8_500_000,
        "currency": "BHD",
        "country": "bh",
        "mileage_km": 40_000,
        "regional_spec": "gcc",
        "published_at": "2025-01-01T10:00:00+03:00",
        "updated_at": "2025-01-01T10:00:00+03:00",
        **fields,
    }


def index_op(index: str, listing_id: int, version: int, **fields: Any) -> BulkOp:
    return BulkOp("index", index, str(listing_id), version, document(listing_id, version, **fields))


# --- indices and aliases ---------------------------------------------------------


def test_the_listings_index_is_created_with_its_real_body(engine, indices):
    name = indices.create("create")

    assert engine.index_exists(name)
    assert not engine.index_exists(f"{name}-absent")
    assert engine.stats(name).docs == 0


def test_creating_an_existing_index_is_an_engine_error_naming_it(engine, indices):
    # indexer/index_admin.py tells "already exists" apart by status and message.
    name = indices.create("twice")

    with pytest.raises(EngineError) as raised:
        engine.create_index(name, shipped_index_body())

    assert raised.value.status == 400
    assert "already_exists" in str(raised.value)
    assert not isinstance(raised.value, EngineUnavailable)


def test_an_alias_swaps_from_one_index_to_another_in_one_step(engine, indices):
    old, new = indices.create("old"), indices.create("new")
    alias = indices.name("alias")
    engine.update_aliases([{"add": {"index": old, "alias": alias}}])
    assert engine.indices_for_alias(alias) == [old]

    engine.update_aliases([{"remove": {"index": old, "alias": alias}}, {"add": {"index": new, "alias": alias}}])

    assert engine.indices_for_alias(alias) == [new]
    assert engine.indices_for_alias(f"{alias}-absent") == []


def test_a_failing_alias_action_changes_nothing(engine, indices):
    first, second = indices.create("first"), indices.create("second")
    alias = indices.name("alias")
    engine.update_aliases([{"add": {"index": first, "alias": alias}}])

    with pytest.raises(EngineError):
        engine.update_aliases(
            [
                {"add": {"index": second, "alias": alias}},
                {"remove": {"index": f"{RUN_PREFIX}-no-such-index", "alias": alias}},
            ]
        )

    assert engine.indices_for_alias(alias) == [first]


def test_deleting_an_index_removes_it_and_a_missing_one_is_no_error(engine, indices):
    name = indices.create("delete")

    engine.delete_index(name)
    engine.delete_index(name)

    assert not engine.index_exists(name)


def test_settings_change_on_a_live_index(engine, indices):
    name = indices.create("settings", refresh_interval="-1")

    engine.put_settings(name, {"refresh_interval": "1s", "number_of_replicas": 0})
    engine.bulk([index_op(name, 1, 1)])
    engine.refresh(name)

    assert engine.count(name) == 1


def test_a_new_field_joins_a_live_index(engine, indices):
    name = indices.create("mapping")

    # The mapping is strict: a document with a field it lacks is refused until the field joins it.
    refused = engine.bulk([BulkOp("index", name, "1", 1, {"id": 1, "contract_extra": -12.5})])
    engine.put_mapping(name, {"contract_extra": {"type": "float"}})
    engine.bulk([BulkOp("index", name, "1", 1, {"id": 1, "contract_extra": -12.5})])
    engine.refresh(name)

    assert not refused[0].ok
    assert engine.count(name, {"query": {"range": {"contract_extra": {"lt": 0}}}}) == 1


# --- writes with external versions --------------------------------------------------


def test_an_older_version_never_replaces_a_newer_one(engine, indices):
    name = indices.create("versions")
    engine.bulk([index_op(name, 7, 2, price_minor=2_000)], refresh="wait_for")

    older = engine.bulk([index_op(name, 7, 1, price_minor=1_000)], refresh="wait_for")
    newer = engine.bulk([index_op(name, 7, 3, price_minor=3_000)], refresh="wait_for")

    assert [(result.id, result.status, result.ok) for result in older] == [("7", 409, True)]
    assert [(result.id, result.ok) for result in newer] == [("7", True)]
    assert newer[0].status in (200, 201)
    assert engine.get_source(name, "7")["price_minor"] == 3_000


def test_the_same_version_twice_is_a_success_that_changes_nothing(engine, indices):
    name = indices.create("replay")
    engine.bulk([index_op(name, 8, 5, price_minor=5_000)])

    replay = engine.bulk([index_op(name, 8, 5, price_minor=9_999)], refresh="wait_for")

    assert replay[0].status == 409 and replay[0].ok
    assert engine.get_source(name, "8")["price_minor"] == 5_000


def test_a_bulk_may_wait_longer_than_the_clients_timeout(engine, indices, request):
    # A rebuild's large bulks (indexer/rebuild.py) must not fail on the short
    # timeout that buyers' searches get: the request's own timeout wins.
    name = indices.create("slow-bulk")
    name_and_url = request.node.callspec.params["engine"]
    hurried = build_engine(engine=name_and_url[0], url=name_and_url[1], timeout=0.001)
    ops = [index_op(name, n, 1, price_minor=n) for n in range(2_000)]

    with pytest.raises(EngineTimeout):
        hurried.bulk(ops, refresh="wait_for")
    results = hurried.bulk(ops, refresh="wait_for", timeout=60)

    assert len(results) == 2_000 and all(result.ok for result in results)
    assert engine.count(name) == 2_000


def test_deletes_carry_versions_too(engine, indices):
    name = indices.create("deletes")
    engine.bulk([index_op(name, 1, 5), index_op(name, 2, 5)], refresh="wait_for")

    stale = engine.bulk([BulkOp("delete", name, "1", 4)], refresh="wait_for")
    current = engine.bulk([BulkOp("delete", name, "2", 6), BulkOp("delete", name, "3", 1)], refresh="wait_for")

    assert stale[0].status == 409 and stale[0].ok
    assert engine.get_source(name, "1") is not None
    assert [(result.id, result.ok) for result in current] == [("2", True), ("3", True)]
    assert engine.get_source(name, "2") is None
    assert engine.count(name) == 1


def test_a_document_the_mapping_refuses_is_a_failed_item_not_an_exception(engine, indices):
    name = indices.create("strict")

    results = engine.bulk(
        [index_op(name, 1, 1), BulkOp("index", name, "2", 1, {**document(2, 1), "not_in_mapping": "x"})], refresh="wait_for"
    )

    assert [(result.id, result.ok) for result in results] == [("1", True), ("2", False)]
    assert "strict" in results[1].error
    assert engine.bulk([]) == []


# --- reads ----------------------------------------------------------------------------


@pytest.fixture
def stocked(engine, indices) -> str:
    name = indices.create("search")
    engine.bulk(
        [
            index_op(name, 1, 1, make="toyota", model="land-cruiser", year=2021, price_minor=23_500_000),
            index_op(name, 2, 1, make="toyota", model="camry", year=2019, price_minor=6_000_000),
            index_op(name, 3, 1, make="nissan", model="patrol", year=2020, price_minor=15_000_000),
            index_op(name, 4, 1, make="nissan", model="sunny", status="sold"),
        ]
    )
    engine.refresh(name)
    return name


def test_the_apps_faceted_search_body_runs_with_post_filter_and_aggregations(engine, stocked):
    request = SearchRequest(filters={"make": ("toyota",)}, ranges={"year": (2019, None)})

    response = engine.search(stocked, search_body(request), timeout=5)

    assert sorted(hit["_source"]["id"] for hit in response["hits"]["hits"]) == [1, 2]
    assert response["hits"]["total"]["value"] == 2
    facets = facet_results(response["aggregations"])
    make_counts = {bucket["key"]: bucket["doc_count"] for bucket in facets["facet_make"]["top"]["buckets"]}
    assert make_counts == {"toyota": 2, "nissan": 1}  # the make facet ignores its own selection
    year_stats = facets["range_year"]["stats"]
    assert (year_stats["min"], year_stats["max"]) == (2019, 2021)


def test_text_search_uses_the_catalogs_arabic_synonyms(engine, stocked):
    response = engine.search(stocked, search_body(SearchRequest(q="تويوتا", sort="relevance")))

    assert sorted(hit["_source"]["id"] for hit in response["hits"]["hits"]) == [1, 2]


def test_count_with_and_without_a_query(engine, stocked):
    assert engine.count(stocked) == 4
    assert engine.count(stocked, {"query": {"term": {"make": "nissan"}}}) == 2


def test_get_source_of_present_and_missing_documents(engine, stocked):
    assert engine.get_source(stocked, "3")["make_model"] == "nissan/patrol"
    assert engine.get_source(stocked, "999") is None
    assert engine.get_source(f"{RUN_PREFIX}-no-such-index", "1") is None


def test_stats_report_documents_and_size(engine, stocked):
    stats = engine.stats(stocked)

    assert stats.docs == 4
    assert stats.size_bytes > 0


def test_info_and_ping_name_a_live_engine(engine):
    assert engine.ping() is True
    assert engine.info()["version"]["number"]


def test_searching_a_missing_index_is_a_404_engine_error(engine):
    with pytest.raises(EngineError) as raised:
        engine.search(f"{RUN_PREFIX}-no-such-index", {"query": {"match_all": {}}})

    assert raised.value.status == 404
    assert not isinstance(raised.value, EngineUnavailable)


# --- an engine that is not there -------------------------------------------------------


@pytest.mark.parametrize("engine_name", ["opensearch", "elasticsearch"])
def test_an_unreachable_engine_is_engine_unavailable_for_every_call(engine_name):
    dead = build_engine(engine=engine_name, url="http://127.0.0.1:1", timeout=1.0)
    calls = {
        "info": lambda: dead.info(),
        "create_index": lambda: dead.create_index("x", {}),
        "index_exists": lambda: dead.index_exists("x"),
        "indices_for_alias": lambda: dead.indices_for_alias("x"),
        "update_aliases": lambda: dead.update_aliases([]),
        "bulk": lambda: dead.bulk([BulkOp("delete", "x", "1", 1)]),
        "search": lambda: dead.search("x", {}),
        "count": lambda: dead.count("x"),
        "get_source": lambda: dead.get_source("x", "1"),
        "stats": lambda: dead.stats("x"),
        "refresh": lambda: dead.refresh("x"),
        "delete_index": lambda: dead.delete_index("x"),
    }
    raised = {}
    for name, call in calls.items():
        with pytest.raises(EngineUnavailable) as error:
            call()
        raised[name] = str(error.value)

    assert dead.ping() is False
    assert all("unreachable" in message for message in raised.values()), raised


@pytest.mark.skipif(not _engine_url("opensearch"), reason="no opensearch configured: set OPENSEARCH_URL")
def test_the_elasticsearch_adapter_pointed_at_opensearch_says_so():
    # SEARCH_ENGINE=elasticsearch with an OpenSearch URL is a configuration mistake: name it.
    wrong = build_engine(engine="elasticsearch", url=_engine_url("opensearch"), timeout=5.0)

    with pytest.raises(EngineError) as raised:
        wrong.info()

    assert "not Elasticsearch" in str(raised.value)
    assert "SEARCH_ENGINE=opensearch" in str(raised.value)
