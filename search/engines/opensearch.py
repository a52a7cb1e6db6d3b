"""The OpenSearch adapter (opensearch-py)."""

from typing import Any

import opensearchpy
import orjson
from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_errors
from opensearchpy.exceptions import SerializationError
from opensearchpy.serializer import JSONSerializer

from search.engines.base import (
    BULK_FILTER_PATH,
    DEAD_NODE_SECONDS,
    RETRY_ON_STATUS,
    BulkOp,
    BulkResult,
    ClientCalls,
    EngineError,
    EngineTimeout,
    EngineUnavailable,
    IndexStats,
    bulk_ndjson,
    bulk_results,
    health_params,
    msearch_lines,
    msearch_responses,
    retries_for,
    search_hosts,
)


class OrjsonSerializer(JSONSerializer):
    """orjson instead of the standard json module: bulk bodies and search
    answers are the hot path of a rebuild and of every search."""

    def dumps(self, data: Any) -> Any:
        if isinstance(data, str | bytes):  # already encoded (a `_bulk` body)
            return data
        try:
            return orjson.dumps(data, default=self.default).decode()
        except TypeError as exc:
            raise SerializationError(data, exc) from exc

    def loads(self, s: str) -> Any:
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError as exc:
            raise SerializationError(s, exc) from exc


class OpenSearchEngine(ClientCalls):
    name = "opensearch"

    def __init__(self, url: str, *, timeout: float, username: str = "", password: str = "") -> None:
        hosts = search_hosts(url)
        self.client = OpenSearch(
            hosts=hosts,
            http_auth=(username, password) if username else None,
            timeout=timeout,
            max_retries=retries_for(hosts),
            retry_on_status=RETRY_ON_STATUS,
            retry_on_timeout=False,
            dead_timeout=DEAD_NODE_SECONDS,
            pool_maxsize=32,
            http_compress=False,
            serializer=OrjsonSerializer(),
        )

    def _call(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except os_errors.ConnectionTimeout as exc:
            raise EngineTimeout("OpenSearch did not answer in time", status=None) from exc
        except os_errors.ConnectionError as exc:
            raise EngineUnavailable(f"OpenSearch is unreachable: {exc.__class__.__name__}") from exc
        except os_errors.TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else None
            if status in (502, 503, 504):
                raise EngineUnavailable(f"OpenSearch is unavailable ({status})", status=status) from exc
            raise EngineError(str(exc.error), status=status, info=exc.info) from exc

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except opensearchpy.exceptions.OpenSearchException:
            return False

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        self._call(self.client.indices.update_aliases, body={"actions": actions})

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        self._call(self.client.indices.put_settings, index=index, body={"index": settings})

    def put_mapping(self, index: str, properties: dict[str, Any]) -> None:
        self._call(self.client.indices.put_mapping, index=index, body={"properties": properties})

    def bulk(self, ops: list[BulkOp], *, refresh: str | None = None, timeout: float | None = None) -> list[BulkResult]:
        if not ops:
            return []
        params = {"refresh": refresh} if refresh else {}
        extra = {"request_timeout": timeout} if timeout else {}
        return bulk_results(
            self._call(self.client.bulk, body=bulk_ndjson(ops), params={**params, "filter_path": BULK_FILTER_PATH}, **extra)
        )

    def search(self, index: str, body: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]:
        params = {"request_timeout": timeout} if timeout else {}
        return self._call(self.client.search, index=index, body=body, **params)

    def msearch(self, index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return msearch_responses(self._call(self.client.msearch, body=msearch_lines(index, bodies)))

    def cluster_health(
        self, index: str | None = None, *, wait_for_status: str | None = None, timeout_seconds: int = 30
    ) -> dict[str, Any]:
        params, seconds = health_params(wait_for_status, timeout_seconds)
        return dict(self._call(self.client.cluster.health, index=index, request_timeout=seconds, **params))

    def get_source(self, index: str, doc_id: str) -> dict[str, Any] | None:
        try:
            return self.client.get(index=index, id=doc_id)["_source"]
        except os_errors.NotFoundError:
            return None
        except (os_errors.ConnectionError, os_errors.ConnectionTimeout) as exc:
            raise EngineUnavailable("OpenSearch is unreachable") from exc

    def stats(self, index: str) -> IndexStats:
        response = self._call(self.client.indices.stats, index=index, metric="docs,store")
        total = response["_all"]["primaries"]
        return IndexStats(docs=total["docs"]["count"], size_bytes=total["store"]["size_in_bytes"])
