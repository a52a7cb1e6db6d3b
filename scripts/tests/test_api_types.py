"""The clients' API types and form fields come from the schema, and the schema
from the field spec (core/listings/fields.py): one edit of the spec reaches the
web app through scripts/api_types.sh, and a stale checked-in file fails make test."""

import json

from core.listings.fields import EDITABLE_FIELDS, ENUM_FIELDS, REQUIRED_ON_CREATE
from scripts.api_fields import listing_fields
from scripts.processes import ROOT

GENERATED = ROOT / "frontend" / "src" / "api"


def test_the_forms_fields_are_the_field_specs(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    fields = listing_fields(schema)

    # status and the two confirmations are the write's flags beside the spec's fields.
    assert fields["fields"] == [*EDITABLE_FIELDS, "status", "price_confirmed", "duplicate_confirmed"]
    assert set(fields["required"]) == set(REQUIRED_ON_CREATE)
    assert fields["enums"] == {name: enum for name, enum in ENUM_FIELDS.items() if name in EDITABLE_FIELDS}
    assert json.loads((GENERATED / "listing-fields.json").read_text()) == fields


def test_the_checked_in_types_name_every_schema_component(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    types = (GENERATED / "schema.ts").read_text()

    for name in schema["components"]["schemas"]:
        assert f"\n        {name}: " in types, name
