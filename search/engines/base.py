"""The engine seam: what the rest of Sayara needs from a search engine.

Request and response bodies are engine-neutral dicts (the REST subset both
OpenSearch 2 and Elasticsearch 8 share, ARCHITECTURE.md "Search engine");
each adapter module only translates calls and errors of its client.
"""

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import orjson


def search_hosts(url: str) -> list[str]:
    """SEARCH_URL as the client's hosts: one URL, or a cluster's nodes separated by commas."""
    hosts = [host.strip() for host in url.split(",") if host.strip()]
    if not hosts:
        raise ValueError("SEARCH_URL names no host")
    return hosts


# Failover (docs/decisions/search-cluster.md): a request that cannot reach a
# node (refused, reset) or that a node answers 502/503/504 is sent once to each
# other node; that node is skipped for a while (backing off while it stays
# down). A timeout is not retried: a slow query sent on to every node would
# multiply the load on a cluster that is already slow. With one host there is
# nothing to fail over to and an unreachable engine fails at once.
RETRY_ON_STATUS = (502, 503, 504)
DEAD_NODE_SECONDS = 5.0


def retries_for(hosts: list[str]) -> int:
    return len(hosts) - 1


def health_params(wait_for_status: str | None, timeout_seconds: int) -> tuple[dict[str, Any], float]:
    """The health call's parameters, and the client's own timeout for it: longer than the wait."""
    params: dict[str, Any] = {"timeout": f"{timeout_seconds}s"}
    if wait_for_status:
        params["wait_for_status"] = wait_for_status
    return params, timeout_seconds + 10


class EngineError(Exception):
    """The engine answered, but refused the request."""

    def __init__(self, message: str, *, status: int | None = None, info: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.info = info


class EngineUnavailable(EngineError):
    """The engine could not be reached or did not answer in time."""


class EngineTimeout(EngineUnavailable):
    """The engine did not answer within the client's timeout (a slow query or a stalled node)."""


@dataclass(frozen=True)
class BulkOp:
    action: Literal["index", "delete"]
    index: str
    id: str
    version: int
    document: dict[str, Any] | None = None


@dataclass(frozen=True)
class BulkResult:
    id: str
    action: str
    status: int
    error: str = ""

    @property
    def ok(self) -> bool:
        # 409: the engine holds this version or a newer one, which is success
        # for an external-versioned write. A 404 without an error: deleting a
        # document that is not there (a missing index is an error, not this).
        return self.status < 300 or self.status == 409 or (self.action == "delete" and self.status == 404 and not self.error)


@dataclass
class IndexStats:
    docs: int
    size_bytes: int
    extra: dict[str, Any] = field(default_factory=dict)


def bulk_ndjson(ops: list[BulkOp]) -> bytes:
    """The `_bulk` body of external-versioned writes, shared by both adapters: encoded
    here once, as the clients would otherwise encode each line and join them again."""
    lines: list[bytes] = []
    for op in ops:
        meta = {"_index": op.index, "_id": op.id, "version": op.version, "version_type": "external"}
        lines.append(orjson.dumps({op.action: meta}))
        if op.action == "index":
            lines.append(orjson.dumps(op.document or {}))
    lines.append(b"")
    return b"\n".join(lines)


# What a `_bulk` answer needs to say: each item's outcome, not its shard bookkeeping.
BULK_FILTER_PATH = "items.*._id,items.*.status,items.*.error"


def bulk_results(response: dict[str, Any]) -> list[BulkResult]:
    results = []
    for item in response.get("items", []):
        ((action, outcome),) = item.items()
        error = outcome.get("error") or ""
        if isinstance(error, dict):
            error = f"{error.get('type')}: {error.get('reason')}"
        results.append(BulkResult(id=str(outcome.get("_id")), action=action, status=int(outcome.get("status", 500)), error=error))
    return results


def msearch_lines(index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The `_msearch` body: a header naming the index before each search."""
    lines: list[dict[str, Any]] = []
    for body in bodies:
        lines += [{"index": index}, body]
    return lines


def msearch_responses(response: dict[str, Any]) -> list[dict[str, Any]]:
    """Each search's answer; one that failed raises like a failed search would."""
    answers = response["responses"]
    for answer in answers:
        if "error" in answer:
            error = answer["error"]
            reason = f"{error.get('type')}: {error.get('reason')}" if isinstance(error, dict) else str(error)
            status = answer.get("status")
            if status in (502, 503, 504) or (error.get("type") == "search_phase_execution_exception" and status == 503):
                raise EngineUnavailable(reason, status=status)
            raise EngineError(reason, status=status, info=answer)
    return answers


class ClientCalls:
    """The calls both official clients spell the same way; each adapter gives
    `client` and `_call` (which translates its client's errors)."""

    client: Any

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError

    def info(self) -> dict[str, Any]:
        return self._call(self.client.info)

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        self._call(self.client.indices.create, index=name, body=body)

    def delete_index(self, name: str) -> None:
        self._call(self.client.indices.delete, index=name, ignore_unavailable=True)

    def index_exists(self, name: str) -> bool:
        return bool(self._call(self.client.indices.exists, index=name))

    def indices_for_alias(self, alias: str) -> list[str]:
        if not self._call(self.client.indices.exists_alias, name=alias):
            return []
        return sorted(self._call(self.client.indices.get_alias, name=alias).keys())

    def indices_matching(self, pattern: str) -> list[str]:
        """The indices whose names match a wildcard pattern (none is no error)."""
        return sorted(self._call(self.client.indices.get_alias, index=pattern).keys())

    def refresh(self, index: str) -> None:
        self._call(self.client.indices.refresh, index=index)

    def flush(self, index: str) -> None:
        self._call(self.client.indices.flush, index=index)

    def count(self, index: str, body: dict[str, Any] | None = None) -> int:
        return int(self._call(self.client.count, index=index, body=body or None)["count"])


class SearchEngine(Protocol):
    name: str

    def ping(self) -> bool: ...
    def info(self) -> dict[str, Any]: ...
    def create_index(self, name: str, body: dict[str, Any]) -> None: ...
    def delete_index(self, name: str) -> None: ...
    def index_exists(self, name: str) -> bool: ...
    def indices_for_alias(self, alias: str) -> list[str]: ...
    def indices_matching(self, pattern: str) -> list[str]: ...
    def update_aliases(self, actions: list[dict[str, Any]]) -> None: ...
    def put_settings(self, index: str, settings: dict[str, Any]) -> None: ...
    def put_mapping(self, index: str, properties: dict[str, Any]) -> None: ...
    def refresh(self, index: str) -> None: ...
    def flush(self, index: str) -> None: ...
    def bulk(self, ops: list[BulkOp], *, refresh: str | None = None, timeout: float | None = None) -> list[BulkResult]:
        """Versioned writes; `timeout` (seconds) replaces the client's for this request."""
        ...

    def search(self, index: str, body: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]: ...
    def msearch(self, index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]: ...
    def count(self, index: str, body: dict[str, Any] | None = None) -> int: ...
    def cluster_health(
        self, index: str | None = None, *, wait_for_status: str | None = None, timeout_seconds: int = 30
    ) -> dict[str, Any]:
        """The cluster's (or an index's) health; with `wait_for_status`, once it is reached or
        `timeout_seconds` have passed (then `timed_out` is true)."""
        ...

    def get_source(self, index: str, doc_id: str) -> dict[str, Any] | None: ...
    def stats(self, index: str) -> IndexStats: ...
