"""Zero-downtime rebuild (ARCHITECTURE.md, guarantee 4).

A new versioned index is built (refresh off, no replicas, translog synced in
the background: building_body) from a stream of
the database, then everything that changed meanwhile is replayed, the
settings are restored, the alias swaps atomically and the old index goes.
Searches read the alias throughout, so they never see a half-built index.
Writes by the relay keep going to the alias (the old index) until the swap;
the replays after the build and after the swap bring those into the new one.
External versions make every replay idempotent.

One rebuild runs at a time (a PostgreSQL advisory lock), so an index of this
instance's that no alias names when a rebuild starts was left by one that
died (the engine or the process killed mid-build): it is deleted then.
"""

import logging
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from tqdm import tqdm

from core.listings.models import Listing
from core.listings.selectors import listing_index_rows_all, listing_index_rows_by_ids
from indexer.documents import INDEXED_STATUSES, listing_op
from indexer.index_admin import listings_body, listings_layout
from search.engine import get_engine
from search.engines.base import BulkOp, BulkResult, SearchEngine
from search.index import IndexLayout, is_listings_index, listings_alias, new_index_name

logger = logging.getLogger(__name__)

# Transactions that saved before a replay started but committed after it
# began reading are caught by looking back this far.
REPLAY_MARGIN = timedelta(seconds=15)
# More failed documents than this and the alias is not swapped.
MAX_FAILURES = 100
# How long the swap waits for the new index's replicas (green). A cluster with a
# node down cannot place them all: the swap goes ahead on yellow, still whole.
REPLICAS_WAIT_SECONDS = 120
# A rebuild's bulk requests are large, the engine is busy merging while they arrive
# and the first refresh of the new index writes all of it: the rebuild's calls get
# their own timeout, not the seconds a buyer's search may wait.
REBUILD_TIMEOUT_SECONDS = 120
# The advisory lock a rebuild holds (any number, the same in every process of a database).
REBUILD_LOCK = 0x5A1A_0001


class RebuildFailed(Exception):
    pass


@dataclass
class RebuildReport:
    index: str = ""
    previous: list[str] = field(default_factory=list)
    streamed: int = 0
    skipped: int = 0
    replayed: int = 0
    failed: int = 0
    seconds: float = 0.0
    shards: int = 0
    replicas: int = 0
    # Indices a rebuild that died had left, deleted before this one began.
    leftovers: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.streamed / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "docs_per_second": round(self.docs_per_second, 1)}


class _BulkPipe:
    """Sends `_bulk` requests on a background thread while the next batch is built."""

    def __init__(self, report: RebuildReport) -> None:
        self.report = report
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="rebuild-bulk")
        self.pending: list[Future[list[BulkResult]]] = []

    def send(self, ops: list[BulkOp]) -> None:
        if ops:
            self.pending.append(self.pool.submit(_engine().bulk, ops))
        while len(self.pending) > 2:
            self._collect(self.pending.pop(0))

    def _collect(self, future: "Future[list[BulkResult]]") -> None:
        for result in future.result():
            if not result.ok:
                self.report.failed += 1
                logger.error("rebuild.write_failed", extra={"listing_id": result.id, "error": result.error})

    def drain(self) -> None:
        while self.pending:
            self._collect(self.pending.pop(0))

    def close(self) -> None:
        self.pool.shutdown(wait=True)


def building_body(layout: IndexLayout) -> dict[str, Any]:
    """The new index while it is built: written without replicas (each document indexed
    once; they are copied afterwards), never refreshed, and its translog synced every few
    seconds instead of on each bulk request. A crash meanwhile costs only this unfinished
    index, which a rebuild throws away; serving_settings() restore all three."""
    body: dict[str, Any] = listings_body(layout=layout, refresh_interval="-1", replicas=0)
    body["settings"]["index"]["translog"] = {"durability": "async"}
    return body


def serving_settings(layout: IndexLayout) -> dict[str, Any]:
    return {
        "refresh_interval": settings.SEARCH_REFRESH_INTERVAL,
        "number_of_replicas": layout.replicas,
        "translog.durability": "request",
    }


def _replay(index: str, since: datetime, pipe: _BulkPipe, batch_size: int) -> int:
    """Send the current state of every listing changed since `since`."""
    ids = list(Listing.objects.filter(updated_at__gte=since - REPLAY_MARGIN).values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        rows = listing_index_rows_by_ids(ids[start : start + batch_size])
        pipe.send([listing_op(row, index=index) for row in rows.values()])
    pipe.drain()
    return len(ids)


def _engine() -> SearchEngine:
    return get_engine(timeout=REBUILD_TIMEOUT_SECONDS)


@contextmanager
def _alone() -> Iterator[None]:
    """Held for the whole rebuild; a second one refuses to start. The lock goes with the
    session, so a rebuild that dies holds nothing."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [REBUILD_LOCK])
        if not cursor.fetchone()[0]:
            raise RebuildFailed("another rebuild is running; the alias is left as it is")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [REBUILD_LOCK])


def _leftovers_delete(engine: SearchEngine, alias: str, serving: list[str]) -> list[str]:
    """Delete the indices an earlier rebuild left when it died (none is served)."""
    leftovers = [name for name in engine.indices_matching(f"{alias}-*") if is_listings_index(name) and name not in serving]
    for name in leftovers:
        engine.delete_index(name)
        logger.warning("rebuild.leftover_deleted", extra={"index": name})
    return leftovers


def rebuild_index(*, batch_size: int = 1000, progress: bool = True) -> RebuildReport:
    with _alone():
        return _rebuild(batch_size=batch_size, progress=progress)


def _rebuild(*, batch_size: int, progress: bool) -> RebuildReport:
    engine = _engine()
    alias = listings_alias()
    report = RebuildReport(index=new_index_name(), previous=engine.indices_for_alias(alias))
    report.leftovers = _leftovers_delete(engine, alias, report.previous)
    began = time.monotonic()
    layout = listings_layout()
    report.shards, report.replicas = layout.shards, layout.replicas
    engine.create_index(report.index, building_body(layout))
    pipe = _BulkPipe(report)
    try:
        build_started = timezone.now()
        total = Listing.objects.count()
        bar = tqdm(total=total, unit="doc", desc="rebuild", disable=not progress, file=sys.stderr, mininterval=0.5)
        batch: list[BulkOp] = []
        for row in listing_index_rows_all(chunk_size=batch_size):
            bar.update(1)
            if row["status"] not in INDEXED_STATUSES:
                report.skipped += 1
                continue
            batch.append(listing_op(row, index=report.index))
            if len(batch) >= batch_size:
                pipe.send(batch)
                report.streamed += len(batch)
                batch = []
        pipe.send(batch)
        report.streamed += len(batch)
        pipe.drain()
        bar.close()

        replay_started = timezone.now()
        report.replayed += _replay(report.index, build_started, pipe, batch_size)
        if report.failed > MAX_FAILURES:
            raise RebuildFailed(f"{report.failed} documents failed; the alias still points to {report.previous}")
        engine.put_settings(report.index, serving_settings(layout))
        # What the build wrote is made durable (and searchable) before searches move to it.
        engine.flush(report.index)
        engine.refresh(report.index)
        # Searches move to the new index only once its copies are in place, so a node lost
        # just after the swap costs no shard (wait_for_active_shards, docs/decisions/search-cluster.md).
        health = engine.cluster_health(report.index, wait_for_status="green", timeout_seconds=REPLICAS_WAIT_SECONDS)
        if health.get("timed_out"):
            logger.warning("rebuild.replicas_pending", extra={"index": report.index, "status": health.get("status")})
        actions = [{"remove": {"index": old, "alias": alias}} for old in report.previous]
        actions.append({"add": {"index": report.index, "alias": alias}})
        engine.update_aliases(actions)
        # Writes the relay sent to the old index between the replay and the swap.
        report.replayed += _replay(alias, replay_started, pipe, batch_size)
    except BaseException:
        pipe.close()
        if report.index not in engine.indices_for_alias(alias):
            engine.delete_index(report.index)
        raise
    pipe.close()
    for old in report.previous:
        engine.delete_index(old)
    report.seconds = time.monotonic() - began
    logger.info("rebuild.done", extra=report.as_dict())
    return report
