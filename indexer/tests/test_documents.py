"""The search document follows the listing field spec (core/listings/fields.py):
every indexed field under its key, enum labels in both languages among the
words, and nothing the index's strict mapping (search/index.py) does not know."""

import pytest

from core.catalog.enums import enum_label
from core.listings.fields import FIELDS, LABELLED, Choice
from core.listings.models import ListingPhoto
from core.listings.selectors import listing_index_rows_all, listing_index_rows_by_ids
from indexer.documents import listing_document
from search.index import listings_index_body
from search.money import to_minor
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def document_of(listing) -> tuple[dict, dict]:
    row = listing_index_rows_by_ids([listing.pk])[listing.pk]
    return row, listing_document(row)


def test_every_indexed_field_is_in_the_document_under_its_key():
    row, document = document_of(make_listing(drivetrain="", exterior_color="white", trim="GXR"))

    for field in FIELDS:
        if field.index is None:
            continue
        value = row[field.name]
        if field.name == "price":
            value = to_minor(value, decimals=3)
        elif isinstance(field.kind, Choice):
            value = value or None  # a blank enum is absent, not ""
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        assert document[field.index] == value, field.name
    assert document["drivetrain"] is None and document["color"] == "white"


def test_labelled_enums_put_both_languages_among_the_words():
    chosen = {"exterior_color": "white", "regional_spec": "gcc", "fuel": "diesel"}
    _, document = document_of(make_listing(**chosen))

    words = set(document["keywords"].split())
    for field, value in chosen.items():
        assert set(enum_label(dict(LABELLED)[field], value)) <= words, field


def test_the_document_holds_exactly_what_the_mapping_knows():
    _, document = document_of(make_listing())
    mapping = listings_index_body(synonyms=[])["mappings"]["properties"]

    # all_text is filled by copy_to, never sent.
    assert set(document) == set(mapping) - {"all_text"}


def test_a_rebuild_streams_the_very_rows_the_relay_reads():
    """The full stream (psycopg's own cursor) and the relay's read by id (Django's values())
    give equal rows, time zones and decimals alike, so a rebuilt index holds the relay's documents."""
    listings = [make_listing(), make_listing(exterior_color=""), make_listing(publish=False)]
    for position in (1, 0):
        ListingPhoto.objects.create(listing=listings[0], image="p.jpg", thumbnail=f"t{position}.jpg", position=position)

    streamed = {row["id"]: row for row in listing_index_rows_all(chunk_size=2)}
    by_id = listing_index_rows_by_ids([listing.pk for listing in listings])

    assert streamed == by_id
    assert streamed[listings[0].pk]["thumbnail"] == "t0.jpg" and streamed[listings[0].pk]["photo_count"] == 2
    assert {key: row["created_at"].isoformat() for key, row in streamed.items()} == {
        key: row["created_at"].isoformat() for key, row in by_id.items()
    }
