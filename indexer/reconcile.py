"""Reconciliation: compare every listing's document in the index with what
PostgreSQL says it should be, by version and by content, and repair the
drift (ARCHITECTURE.md, guarantee 6; docs/decisions/index-sync.md).

Both sides are walked in id order (a server-side cursor; `search_after` in
the engine) and merged, so memory stays flat however many listings there
are; only the drifted ids are kept. A repair never argues with the index: it
gives the listing a version above both its own and the index's
(`listing_resend`) and sends it through the outbox like any edit, so it wins
over a stale copy, a tombstone, a document changed behind the relay's back
and an index ahead of a restored database alike. A repair counts only once
the index is read back holding exactly the database's document; the others
are reported as unrepaired.
"""

import logging
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from core.listings.selectors import listing_index_rows_all, listing_index_rows_by_ids
from core.listings.services import listing_resend
from core.outbox.models import OutboxEntry
from indexer.documents import INDEXED_STATUSES, document_hash, listing_document
from indexer.index_admin import ensure_listings_index
from indexer.relay import relay_outbox
from search.engine import get_engine

logger = logging.getLogger(__name__)

PAGE = 2000
REPAIR_BATCH = 500
# How long a batch of repairs may take to leave the outbox (another worker's
# relay may hold the rows) before it is checked anyway.
SETTLE_SECONDS = 10.0
REPORTED_IDS = 100


@dataclass
class ReconcileReport:
    checked_db: int = 0
    checked_index: int = 0
    missing: int = 0  # should be searchable, absent from the index
    stale: int = 0  # in the index at an older version
    changed: int = 0  # same version, other content (written behind the relay's back, or an older projection)
    extra: int = 0  # in the index, but draft, deleted or gone
    ahead: int = 0  # the index holds a newer version than the database (a crash or a restored backup)
    repaired: int = 0  # read back from the index as the database has it
    unrepaired: int = 0
    unrepaired_ids: list[int] = field(default_factory=list)

    @property
    def drift(self) -> int:
        return self.missing + self.stale + self.changed + self.extra + self.ahead

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "drift": self.drift}


def _index_documents(index: str, country: str | None) -> Iterator[tuple[dict[str, Any], int]]:
    """Each document (of one country, when given) with the version the engine keeps for
    it (a repair must outrank that one, whatever the document's own `version` field says)."""
    engine = get_engine()
    query = {"term": {"country": country}} if country else {"match_all": {}}
    body: dict[str, Any] = {"size": PAGE, "sort": [{"id": "asc"}], "version": True, "query": query}
    while True:
        hits = engine.search(index, body)["hits"]["hits"]
        for hit in hits:
            yield hit["_source"], max(int(hit["_source"]["version"]), int(hit.get("_version", 0)))
        if len(hits) < PAGE:
            return
        body["search_after"] = hits[-1]["sort"]


def _drift_kind(row: Mapping[str, Any] | None, document: Mapping[str, Any] | None) -> str | None:
    """What is wrong with this listing's document, if anything."""
    if row is None or row["status"] not in INDEXED_STATUSES:
        return None if document is None else "extra"
    if document is None:
        return "missing"
    if document["version"] < row["version"]:
        return "stale"
    if document["version"] > row["version"]:
        return "ahead"
    return None if document_hash(document) == document_hash(listing_document(row)) else "changed"


def _find_drift(alias: str, report: ReconcileReport, country: str | None) -> dict[int, int]:
    """Drifted listing id → the version the index holds (0: none).

    For one country, both sides are that country's: a listing that moved country
    shows as `missing` in its new one and `extra` in its old one, and a repair of
    either resends the one document (its id) as PostgreSQL has it."""
    drifted: dict[int, int] = {}

    def note(listing_id: int, row: Mapping[str, Any] | None, indexed: tuple[dict[str, Any], int] | None) -> None:
        kind = _drift_kind(row, indexed[0] if indexed else None)
        if kind:
            setattr(report, kind, getattr(report, kind) + 1)
            drifted[listing_id] = indexed[1] if indexed else 0

    documents = _index_documents(alias, country)
    current = next(documents, None)
    for row in listing_index_rows_all(chunk_size=PAGE):
        if country and row["country"] != country:
            continue
        report.checked_db += 1
        while current is not None and current[0]["id"] < row["id"]:  # documents with no row at all
            report.checked_index += 1
            note(current[0]["id"], None, current)
            current = next(documents, None)
        own = current if current is not None and current[0]["id"] == row["id"] else None
        if own is not None:
            report.checked_index += 1
            current = next(documents, None)
        note(row["id"], row, own)
    while current is not None:
        report.checked_index += 1
        note(current[0]["id"], None, current)
        current = next(documents, None)
    return drifted


def _settle(ids: list[int]) -> None:
    """Relay the repairs, and wait (a little) for those another worker's relay
    claimed first. Rows that failed (attempts > 0) wait for their back-off: not here."""
    deadline = time.monotonic() + SETTLE_SECONDS
    relay_outbox()
    while OutboxEntry.objects.filter(listing_id__in=ids, attempts=0).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
        relay_outbox()


def _confirmed(alias: str, ids: list[int]) -> set[int]:
    """The ids whose document the index now holds exactly as the database has it."""
    engine = get_engine()
    engine.refresh(alias)
    body = {"size": len(ids), "query": {"terms": {"id": ids}}}
    indexed = {hit["_source"]["id"]: hit["_source"] for hit in engine.search(alias, body)["hits"]["hits"]}
    rows = listing_index_rows_by_ids(ids)
    return {listing_id for listing_id in ids if _drift_kind(rows.get(listing_id), indexed.get(listing_id)) is None}


def _repair(alias: str, drifted: dict[int, int], report: ReconcileReport) -> None:
    ids = sorted(drifted)
    for start in range(0, len(ids), REPAIR_BATCH):
        batch = ids[start : start + REPAIR_BATCH]
        listing_resend(index_versions={listing_id: drifted[listing_id] for listing_id in batch})
        _settle(batch)
        confirmed = _confirmed(alias, batch)
        report.repaired += len(confirmed)
        failed = [listing_id for listing_id in batch if listing_id not in confirmed]
        report.unrepaired += len(failed)
        report.unrepaired_ids += failed[: REPORTED_IDS - len(report.unrepaired_ids)]
    if report.unrepaired:
        logger.error("reconcile.unrepaired", extra={"count": report.unrepaired, "listing_ids": report.unrepaired_ids})


def reconcile_index(*, dry_run: bool = False, country: str | None = None) -> ReconcileReport:
    """Find and (unless dry_run) repair every difference, of one country's listings when
    `country` is given; return what was found and done."""
    alias = ensure_listings_index()
    get_engine().refresh(alias)
    report = ReconcileReport()
    drifted = _find_drift(alias, report, country)
    if drifted and not dry_run:
        _repair(alias, drifted, report)
    logger.info("reconcile.done", extra=report.as_dict())
    return report
