"""The OpenAPI schema is generated from the code, valid, and covers every route."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import get_resolver

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.json"

    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(target))

    schema = json.loads(target.read_text())
    assert schema["info"]["title"] == "Sayara API"


# Pages for a person under /api/v1/, not JSON operations: an alert e-mail's one-click
# unsubscribe page (web/unsubscribe.py; under /api/ so that every deployment routes it).
PAGES = {"/api/v1/unsubscribe/{token}"}


def test_every_api_route_is_in_the_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    documented = {path.rstrip("/") for path in schema["paths"]}
    resolver = get_resolver()
    routes = set()
    for pattern in resolver.url_patterns:
        if str(pattern.pattern) == "api/v1/":
            for inner in pattern.url_patterns:
                route = "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(inner.pattern))
                if "schema" not in route and "docs" not in route:
                    routes.add(route.rstrip("/"))

    assert routes - documented == PAGES


def test_the_browsable_docs_load(api):
    assert api.get("/api/v1/docs/").status_code == 200
