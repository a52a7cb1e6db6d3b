"""Answers checked against the published OpenAPI schema by Schemathesis' own validator:
what the fuzzer checks at random (web/tests/test_schemathesis.py), a test checks for
the case it builds (an empty search's nearest cars, a recommendation)."""

from functools import cache

import requests
import schemathesis
from django.http import HttpResponse
from django.test import Client
from schemathesis.core.transport import Response
from schemathesis.schemas import BaseSchema


@cache
def _schema() -> BaseSchema:
    return schemathesis.openapi.from_dict(Client().get("/api/v1/schema/", {"format": "json"}).json())


def _from_django(response: HttpResponse, method: str, path: str) -> Response:
    return Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=requests.Request(method, f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=False,
    )


def assert_matches_schema(response: HttpResponse | requests.Response, method: str, path: str) -> None:
    """Raise when the answer breaks what the schema documents for `method path`
    (path as the schema names it: /api/v1/listings/{id}/also-viewed)."""
    if isinstance(response, HttpResponse):
        response = _from_django(response, method, path)
    _schema()[path][method].validate_response(response)
