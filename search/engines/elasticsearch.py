"""The Elasticsearch 8 adapter (elasticsearch-py 8).

Same protocol and same engine-neutral bodies as the OpenSearch adapter
(search/engines/base.py); only the client's calling conventions and errors
differ, and they stay in this module. The 8.x client checks that the server is
Elasticsearch and refuses OpenSearch (UnsupportedProductError → EngineError).
"""

from typing import Any

import elastic_transport
import elasticsearch
from elasticsearch import Elasticsearch

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

# A gateway in front of the node answering these means "not there right now".
UNAVAILABLE_STATUSES = (502, 503, 504)


def _reason(body: Any) -> str:
    """`type: reason` of an Elasticsearch error body, for messages and logs."""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        return f"{error.get('type')}: {error.get('reason')}"
    return str(body)


class ElasticsearchEngine(ClientCalls):
    name = "elasticsearch"

    def __init__(self, url: str, *, timeout: float, username: str = "", password: str = "") -> None:
        hosts = search_hosts(url)
        self.client = Elasticsearch(
            hosts=hosts,
            basic_auth=(username, password) if username else None,
            request_timeout=timeout,
            max_retries=retries_for(hosts),
            retry_on_status=RETRY_ON_STATUS,
            retry_on_timeout=False,
            # A node that failed is skipped for 1 s, doubling while it keeps failing, at most this long.
            max_dead_node_backoff=DEAD_NODE_SECONDS * 32,
            connections_per_node=32,
        )

    def _call(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            response = fn(*args, **kwargs)
        except elastic_transport.ConnectionTimeout as exc:
            raise EngineTimeout("Elasticsearch did not answer in time") from exc
        except elastic_transport.ConnectionError as exc:
            raise EngineUnavailable(f"Elasticsearch is unreachable: {exc.__class__.__name__}") from exc
        except elasticsearch.UnsupportedProductError as exc:
            raise EngineError(
                "The server is not Elasticsearch: SEARCH_ENGINE=elasticsearch needs Elasticsearch 8 "
                "(set SEARCH_ENGINE=opensearch for OpenSearch)."
            ) from exc
        except elasticsearch.ApiError as exc:
            status = exc.meta.status if isinstance(exc.meta.status, int) else None
            if status in UNAVAILABLE_STATUSES:
                raise EngineUnavailable(f"Elasticsearch is unavailable ({status})", status=status) from exc
            # The error type leads the message ("resource_already_exists_exception: ..."),
            # as the OpenSearch adapter's does, so callers can tell errors apart.
            raise EngineError(_reason(exc.body) if exc.body else str(exc.message), status=status, info=exc.body) from exc
        except elastic_transport.TransportError as exc:
            # TLS and serialization failures: the request did not go through.
            raise EngineError(f"Elasticsearch transport error: {exc.__class__.__name__}: {exc}") from exc
        # Responses are ObjectApiResponse / HeadApiResponse: hand back plain data.
        return getattr(response, "body", response)

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except (elasticsearch.ApiError, elastic_transport.TransportError):
            return False

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        self._call(self.client.indices.update_aliases, actions=actions)

    def put_settings(self, index: str, settings: dict[str, Any]) -> None:
        self._call(self.client.indices.put_settings, index=index, settings={"index": settings})

    def put_mapping(self, index: str, properties: dict[str, Any]) -> None:
        self._call(self.client.indices.put_mapping, index=index, properties=properties)

    def bulk(self, ops: list[BulkOp], *, refresh: str | None = None, timeout: float | None = None) -> list[BulkResult]:
        if not ops:
            return []
        params: dict[str, Any] = {"refresh": refresh} if refresh else {}
        client = self.client.options(request_timeout=timeout) if timeout else self.client
        return bulk_results(self._call(client.bulk, operations=bulk_ndjson(ops), filter_path=BULK_FILTER_PATH, **params))

    def search(self, index: str, body: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]:
        client = self.client.options(request_timeout=timeout) if timeout else self.client
        return self._call(client.search, index=index, body=body)

    def msearch(self, index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return msearch_responses(self._call(self.client.msearch, searches=msearch_lines(index, bodies)))

    def cluster_health(
        self, index: str | None = None, *, wait_for_status: str | None = None, timeout_seconds: int = 30
    ) -> dict[str, Any]:
        params, seconds = health_params(wait_for_status, timeout_seconds)
        return dict(self._call(self.client.options(request_timeout=seconds).cluster.health, index=index, **params))

    def get_source(self, index: str, doc_id: str) -> dict[str, Any] | None:
        try:
            return self._call(self.client.get, index=index, id=doc_id)["_source"]
        except EngineError as exc:
            # A missing document or a missing index: nothing to read, as in the OpenSearch adapter.
            if exc.status == 404 and not isinstance(exc, EngineUnavailable):
                return None
            raise

    def stats(self, index: str) -> IndexStats:
        response = self._call(self.client.indices.stats, index=index, metric=["docs", "store"])
        total = response["_all"]["primaries"]
        return IndexStats(docs=total["docs"]["count"], size_bytes=total["store"]["size_in_bytes"])
