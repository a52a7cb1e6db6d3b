"""Reconciliation: compare (id, version) between PostgreSQL and the index and
repair drift (ARCHITECTURE.md, guarantee 6).

Both sides are walked in id order (a server-side cursor; `search_after` in
the engine) and merged, so memory stays flat however many listings there are.
"""

import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from core.listings.models import Listing
from core.listings.selectors import listing_index_rows_by_ids
from indexer.documents import INDEXED_STATUSES, listing_op
from indexer.index_admin import ensure_listings_index
from search.engine import get_engine
from search.engines.base import BulkOp

logger = logging.getLogger(__name__)

PAGE = 5000
REPAIR_BATCH = 500


@dataclass
class ReconcileReport:
    checked_db: int = 0
    checked_index: int = 0
    missing: int = 0  # should be searchable, absent from the index
    stale: int = 0  # in the index at an older version
    extra: int = 0  # in the index, but draft, deleted or gone
    ahead: int = 0  # the index holds a newer version than the database (restored backup?)
    repaired: int = 0
    failed: int = 0

    @property
    def drift(self) -> int:
        return self.missing + self.stale + self.extra + self.ahead

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "drift": self.drift}


def _index_versions(index: str) -> Iterator[tuple[int, int]]:
    engine = get_engine()
    body = {"size": PAGE, "sort": [{"id": "asc"}], "_source": ["id", "version"], "query": {"match_all": {}}}
    while True:
        hits = engine.search(index, body)["hits"]["hits"]
        for hit in hits:
            yield int(hit["_source"]["id"]), int(hit["_source"]["version"])
        if len(hits) < PAGE:
            return
        body["search_after"] = hits[-1]["sort"]


def _db_versions() -> Iterator[tuple[int, int, str]]:
    return Listing.objects.order_by("pk").values_list("pk", "version", "status").iterator(chunk_size=PAGE)


class _Repairs:
    def __init__(self, index: str, report: ReconcileReport, dry_run: bool) -> None:
        self.index, self.report, self.dry_run = index, report, dry_run
        self.reindex: list[int] = []
        self.deletes: list[BulkOp] = []

    def add_reindex(self, listing_id: int) -> None:
        self.reindex.append(listing_id)
        if len(self.reindex) >= REPAIR_BATCH:
            self.flush()

    def add_delete(self, listing_id: int, version: int) -> None:
        self.deletes.append(BulkOp("delete", self.index, str(listing_id), version))
        if len(self.deletes) >= REPAIR_BATCH:
            self.flush()

    def flush(self) -> None:
        ops = list(self.deletes)
        if self.reindex:
            ops += [listing_op(row, index=self.index) for row in listing_index_rows_by_ids(self.reindex).values()]
        self.reindex, self.deletes = [], []
        if not ops or self.dry_run:
            return
        for result in get_engine().bulk(ops):
            if result.ok:
                self.report.repaired += 1
            else:
                self.report.failed += 1
                logger.error("reconcile.repair_failed", extra={"listing_id": result.id, "error": result.error})


def reconcile_index(*, dry_run: bool = False) -> ReconcileReport:
    """Find and (unless dry_run) repair every difference; return what was found."""
    alias = ensure_listings_index()
    get_engine().refresh(alias)
    report = ReconcileReport()
    repairs = _Repairs(alias, report, dry_run)
    indexed = _index_versions(alias)
    current = next(indexed, None)
    for listing_id, version, status in _db_versions():
        report.checked_db += 1
        # Index documents with no row at all (ids below this one).
        while current is not None and current[0] < listing_id:
            report.checked_index += 1
            report.extra += 1
            repairs.add_delete(current[0], current[1] + 1)
            current = next(indexed, None)
        in_index = current is not None and current[0] == listing_id
        index_version = current[1] if in_index and current else None
        if in_index:
            report.checked_index += 1
            current = next(indexed, None)
        should_exist = status in INDEXED_STATUSES
        if should_exist and index_version is None:
            report.missing += 1
            repairs.add_reindex(listing_id)
        elif should_exist and index_version is not None and index_version < version:
            report.stale += 1
            repairs.add_reindex(listing_id)
        elif index_version is not None and index_version > version:
            report.ahead += 1
            logger.error("reconcile.index_ahead", extra={"listing_id": listing_id, "db": version, "index": index_version})
        elif not should_exist and index_version is not None:
            report.extra += 1
            repairs.add_delete(listing_id, version)
    while current is not None:
        report.checked_index += 1
        report.extra += 1
        repairs.add_delete(current[0], current[1] + 1)
        current = next(indexed, None)
    repairs.flush()
    logger.info("reconcile.done", extra=report.as_dict())
    return report
