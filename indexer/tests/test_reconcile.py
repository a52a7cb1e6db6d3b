"""Reconciliation finds every kind of drift between PostgreSQL and the index,
repairs it so that it stays repaired, and counts only what it confirmed."""

import pytest
import requests
from django.conf import settings
from django.core.management import call_command

from core.listings import services
from core.listings.models import Listing
from core.listings.selectors import listing_index_rows_by_ids
from core.outbox.models import OutboxEntry
from indexer.documents import document_hash, listing_document, listing_op
from indexer.reconcile import reconcile_index
from indexer.relay import relay_outbox
from search.engine import get_engine
from search.engines.base import BulkOp
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def indexed(alias: str) -> dict[int, dict]:
    engine = get_engine()
    engine.refresh(alias)
    return {hit["_source"]["id"]: hit["_source"] for hit in engine.search(alias, {"size": 1000})["hits"]["hits"]}


def in_step(alias: str) -> bool:
    """The index holds exactly the database's documents, version and content."""
    rows = listing_index_rows_by_ids(
        Listing.objects.filter(status__in=["active", "sold", "expired"]).values_list("pk", flat=True)
    )
    expected = {listing_id: (row["version"], document_hash(listing_document(row))) for listing_id, row in rows.items()}
    return {listing_id: (doc["version"], document_hash(doc)) for listing_id, doc in indexed(alias).items()} == expected


def behind_the_relays_back(alias: str, document: dict, *, version: int) -> None:
    """Write a document the way no Sayara code does: at a version of our choosing,
    even one the index already holds (external_gte)."""
    answer = requests.put(
        f"{settings.SEARCH_URL}/{alias}/_doc/{document['id']}",
        params={"version": version, "version_type": "external_gte"},
        json=document,
        timeout=10,
    )
    assert answer.status_code in (200, 201), answer.text


def relayed() -> None:
    while relay_outbox().sent:
        pass


@pytest.fixture
def drifted(fresh_index):
    """Listings in step, then one of each kind of drift, made behind the relay's back."""
    listings = [make_listing() for _ in range(7)]
    relayed()
    engine = get_engine()
    stale, extra_draft, tombstoned, repriced, ahead = listings[1:6]
    # missing: its outbox row was lost before the relay saw it
    missing = make_listing()
    OutboxEntry.objects.filter(listing_id=missing.pk).delete()
    # stale: an edit whose outbox row was lost
    services.listing_update(listing_id=stale.pk, data={"price": "4444"})
    # extra: withdrawn to draft, but the delete never reached the index
    services.listing_withdraw(listing_id=extra_draft.pk)
    OutboxEntry.objects.all().delete()
    # missing behind a tombstone: deleted from the index one version up (gc_deletes keeps that for 60 s)
    engine.bulk([BulkOp("delete", fresh_index, str(tombstoned.pk), tombstoned.version + 1)])
    # changed: re-priced in the index at the same version
    doc = indexed(fresh_index)[repriced.pk]
    behind_the_relays_back(fresh_index, {**doc, "price_minor": 1_000}, version=repriced.version)
    # ahead: the index holds a state the database lost (a crash, a restored backup)
    doc = indexed(fresh_index)[ahead.pk]
    behind_the_relays_back(fresh_index, {**doc, "price_minor": 2_000, "version": ahead.version + 5}, version=ahead.version + 5)
    # orphan: a document for a listing that no longer exists at all
    ghost = {**listing_index_rows_by_ids([listings[6].pk])[listings[6].pk], "id": 10_000_000}
    engine.bulk([listing_op(ghost, index=fresh_index)])
    return {
        "missing": missing,
        "stale": stale,
        "extra": extra_draft,
        "tombstoned": tombstoned,
        "repriced": repriced,
        "ahead": ahead,
    }


def test_reconcile_reports_and_repairs_every_kind_of_drift(drifted, fresh_index):
    report = reconcile_index()

    assert (report.missing, report.stale, report.changed, report.extra, report.ahead) == (2, 1, 1, 2, 1)
    assert (report.repaired, report.unrepaired, report.unrepaired_ids) == (7, 0, [])
    assert report.checked_db == 8
    assert in_step(fresh_index)
    assert reconcile_index().drift == 0


def test_the_sellers_next_edit_after_a_repair_reaches_the_index(drifted, fresh_index):
    reconcile_index()

    for listing in (drifted["tombstoned"], drifted["repriced"], drifted["ahead"]):
        services.listing_update(listing_id=listing.pk, data={"price": "7777"})
    relayed()

    docs = indexed(fresh_index)
    assert [docs[drifted[name].pk]["price_minor"] for name in ("tombstoned", "repriced", "ahead")] == [7_777_000] * 3
    assert in_step(fresh_index)


def test_a_repair_changes_nothing_a_seller_sees(drifted):
    before = Listing.objects.get(pk=drifted["stale"].pk)

    reconcile_index()

    after = Listing.objects.get(pk=drifted["stale"].pk)
    assert after.version > before.version
    assert (after.updated_at, after.price, after.status) == (before.updated_at, before.price, before.status)


def test_what_the_index_refuses_is_reported_unrepaired(rejecting_engine):
    refused = make_listing(trim="REJECTME")  # a document the engine cannot parse
    fine = make_listing()

    report = reconcile_index()

    assert report.missing == 2
    assert (report.repaired, report.unrepaired, report.unrepaired_ids) == (1, 1, [refused.pk])
    assert set(indexed(rejecting_engine)) == {fine.pk}


def test_a_dry_run_reports_without_repairing(drifted, fresh_index):
    before = indexed(fresh_index)

    report = reconcile_index(dry_run=True)

    assert report.drift == 7 and report.repaired == 0
    assert indexed(fresh_index) == before


def test_the_command_prints_the_report(drifted, capsys):
    call_command("reconcile")

    out = capsys.readouterr().out
    assert '"drift": 7' in out and '"repaired": 7' in out and '"unrepaired": 0' in out


def test_reconcile_one_country_checks_and_repairs_only_its_listings(fresh_index):
    # given drift in Bahrain and in Saudi Arabia, and a car that moved from Bahrain to Saudi Arabia
    bahraini, saudi = make_listing(), make_listing(country="sa", region="riyadh", price="90000.00")
    moved = make_listing()
    relayed()
    services.listing_update(listing_id=bahraini.pk, data={"price": "4444"})
    services.listing_update(listing_id=saudi.pk, data={"price": "80000.00"})
    services.listing_update(listing_id=moved.pk, data={"country": "sa", "region": "riyadh", "price": "70000.00"})
    OutboxEntry.objects.all().delete()

    # when Saudi Arabia alone is reconciled
    saudi_report = reconcile_index(country="sa")

    # then its listings are checked and repaired (the moved car too), Bahrain's are left as they are
    assert (saudi_report.checked_db, saudi_report.stale, saudi_report.missing, saudi_report.repaired) == (2, 1, 1, 2)
    documents = indexed(fresh_index)
    assert (documents[saudi.pk]["price_minor"], documents[moved.pk]["country"]) == (8_000_000, "sa")
    assert documents[bahraini.pk]["version"] < Listing.objects.get(pk=bahraini.pk).version
    assert reconcile_index(country="sa").drift == 0
    assert reconcile_index(country="bh", dry_run=True).stale == 1
    call_command("reconcile", "--country", "bh")
    assert in_step(fresh_index)
