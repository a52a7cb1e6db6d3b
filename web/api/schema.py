"""The OpenAPI schema as the API behaves (docs/decisions/security.md, "A schema
that tells the truth"; Schemathesis checks it in web/tests/test_schemathesis.py).

Every operation lists the error statuses it can answer, each with its body's
shape; operations anyone may call say so in `security`; creates name their
Idempotency-Key header.
"""

from typing import Any

from drf_spectacular.authentication import SessionScheme, TokenScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter


class SayaraSessionScheme(SessionScheme):
    """The session cookie, as the API's own session authentication (web/api/authentication.py) reads it."""

    target_class = "web.api.authentication.SessionAuthentication"


class SayaraTokenScheme(TokenScheme):
    """`Authorization: Token <key>`, as before the tokens became one per device (django-rest-knox's)."""

    target_class = "web.api.authentication.TokenAuthentication"


ERROR = {"$ref": "#/components/schemas/Error"}
FIELD_ERRORS = {"$ref": "#/components/schemas/FieldErrors"}
COMPONENTS = {
    "Error": {
        "type": "object",
        "description": "A failure that is not about one field: what happened, in words a person can read.",
        "properties": {
            "detail": {"type": "string"},
            "code": {"type": "string", "description": "Machine-readable reason, where clients act on it"},
            "retry_after": {"type": "integer", "description": "Seconds to wait (429; also the Retry-After header)"},
        },
        "required": ["detail"],
    },
    "FieldErrors": {
        "type": "object",
        "description": "Each bad field (or query parameter) with why; `non_field_errors` for the request as a whole.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "example": {"year_min": ["Must be a whole number between 1950 and 2027."]},
    },
}
WHY = {
    "400": "Bad input: each bad field named (or a body that could not be parsed)",
    "401": "No credentials, or credentials that are not valid",
    "403": "Not allowed: the wrong user or role, a missing CSRF token, or an address still to verify",
    "404": "Does not exist, or is not yours to see",
    "406": "None of the accepted media types can be answered",
    "409": "Conflicts with the current state (reload and try again)",
    "411": "A body without Content-Length",
    "413": "The body is larger than this operation takes",
    "415": "A body in a media type this operation does not take",
    "422": "This Idempotency-Key was used with a different request",
    "429": "Too many attempts: wait Retry-After seconds",
    "503": "A backing service is down: try again in a moment",
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Permissions that let anyone in (the CSRF check on sign-in is one of them).
OPEN_PERMISSIONS = {"AllowAny", "CsrfEvenAnonymous"}


def _response(code: str) -> dict[str, Any]:
    schema = {"anyOf": [FIELD_ERRORS, ERROR]} if code == "400" else ERROR
    return {"description": WHY[code], "content": {"application/json": {"schema": schema}}}


class SayaraSchema(AutoSchema):
    def _is_public(self) -> bool:
        return all(type(permission).__name__ in OPEN_PERMISSIONS for permission in self.view.get_permissions())

    def _handler(self) -> Any:
        return getattr(self.view, self.method.lower(), None)

    def get_operation_id(self) -> str:
        operation_id = super().get_operation_id()
        responses = self.get_response_serializers()
        answer = responses.get(200) if isinstance(responses, dict) else responses
        if getattr(answer, "is_page", False) and operation_id.endswith("_retrieve"):
            return operation_id.removesuffix("_retrieve") + "_list"
        return operation_id

    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        if self._is_public() and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if getattr(self._handler(), "idempotent", False):
            parameters.append(
                OpenApiParameter(
                    "Idempotency-Key",
                    str,
                    OpenApiParameter.HEADER,
                    description="Your key for this request (a UUID): a retry with the same key and body within 24 h "
                    "gets the first answer and creates nothing (header Idempotent-Replayed: true).",
                )
            )
        return parameters

    def get_operation(self, path: str, path_regex: str, path_prefix: str, method: str, registry: Any) -> Any:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        codes = {"400", "406", "503"}
        if not self._is_public():
            codes |= {"401", "403"}
        if self.method in UNSAFE:
            codes |= {"403", "409"}
        if operation.get("requestBody"):
            codes |= {"411", "413", "415"}
        if "{" in path:
            codes.add("404")
        if getattr(self._handler(), "idempotent", False):
            codes.add("422")
        responses = operation.setdefault("responses", {})
        for code in sorted(codes | ({"404"} & set(responses))):
            if code not in responses or "content" not in responses[code]:
                responses[code] = {**_response(code), "description": responses.get(code, {}).get("description") or WHY[code]}
        for code in ("429", "504"):
            if code in responses:
                responses[code] = {**_response("429"), "description": responses[code].get("description") or WHY["429"]}
                if code == "504":
                    responses[code]["description"] = "The query ran over its time limit"
        return operation


def add_error_components(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Postprocessing hook: the error bodies every operation refers to."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    return result
