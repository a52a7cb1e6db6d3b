"""Reconciliation finds every kind of drift between PostgreSQL and the index and repairs it."""

import pytest
from django.core.management import call_command

from core.listings import services
from core.listings.models import Listing
from core.listings.selectors import listing_index_rows_by_ids
from core.listings.tests.factories import make_listing
from core.outbox.models import OutboxEntry
from indexer.documents import listing_op
from indexer.reconcile import reconcile_index
from indexer.relay import relay_outbox
from search.engine import get_engine

pytestmark = pytest.mark.django_db


def indexed_versions(alias: str) -> dict[int, int]:
    engine = get_engine()
    engine.refresh(alias)
    hits = engine.search(alias, {"size": 1000, "_source": ["id", "version"]})["hits"]["hits"]
    return {hit["_source"]["id"]: hit["_source"]["version"] for hit in hits}


def expected_versions() -> dict[int, int]:
    return dict(Listing.objects.filter(status__in=["active", "sold", "expired"]).values_list("pk", "version"))


@pytest.fixture
def drifted(fresh_index):
    """Five listings in step, then one of each kind of drift, made behind the relay's back."""
    listings = [make_listing() for _ in range(4)]
    while relay_outbox().sent:
        pass
    engine = get_engine()
    stale, extra_draft = listings[1], listings[2]
    # missing: its outbox row was lost before the relay saw it
    missing = make_listing()
    OutboxEntry.objects.filter(listing_id=missing.pk).delete()
    # stale: an edit whose outbox row was lost
    services.listing_update(listing_id=stale.pk, data={"price": "4444"})
    # extra: withdrawn to draft, but the delete never reached the index
    services.listing_withdraw(listing_id=extra_draft.pk)
    OutboxEntry.objects.all().delete()
    # orphan: a document for a listing that no longer exists at all
    ghost = {**listing_index_rows_by_ids([listings[3].pk])[listings[3].pk], "id": 10_000_000}
    engine.bulk([listing_op(ghost, index=fresh_index)])
    return {"missing": missing, "stale": stale, "extra": extra_draft}


def test_reconcile_reports_and_repairs_every_kind_of_drift(drifted, fresh_index):
    report = reconcile_index()

    assert (report.missing, report.stale, report.extra, report.ahead) == (1, 1, 2, 0)
    assert report.repaired == 4 and report.failed == 0
    assert report.checked_db == 5
    assert indexed_versions(fresh_index) == expected_versions()
    again = reconcile_index()
    assert again.drift == 0


def test_a_dry_run_reports_without_repairing(drifted, fresh_index):
    before = indexed_versions(fresh_index)

    report = reconcile_index(dry_run=True)

    assert report.drift == 4 and report.repaired == 0
    assert indexed_versions(fresh_index) == before


def test_the_command_prints_the_report(drifted, capsys):
    call_command("reconcile")

    out = capsys.readouterr().out
    assert '"drift": 4' in out and '"repaired": 4' in out
