"""Text that can enter the API: checked once, for every string of every request.

PostgreSQL refuses NUL characters in text and UTF-8 has no encoding for lone
surrogates (a JSON body can spell both, as "\\u0000" and "\\ud800"), so either
one used to reach the database and end as a 500. Here the query string is
checked by a middleware and every request body by the parsers the API uses
(settings.REST_FRAMEWORK's DEFAULT_PARSER_CLASSES): a bad string is a 400 that
names its field, before any view runs (docs/decisions/security.md). The same
parsers and middleware fold numbers typed in Arabic digits to ASCII
(web/api/number_input.py).
"""

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.request import Request

from web.api.number_input import fold_numbers, fold_query_dict

# NUL, and the surrogate code points that only a broken encoder or a JSON escape produces.
INVALID_TEXT = re.compile("[\x00\ud800-\udfff]")
MESSAGE = _("Must not contain NUL characters or invalid Unicode.")
MAX_DEPTH = 32


def _strings(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(field path, string) for every key and string value in parsed JSON or form data."""
    if depth > MAX_DEPTH:
        raise ValidationError({path or "non_field_errors": [_("Nested too deeply.")]})
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                yield name, key
            yield from _strings(item, name, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]" if path else str(index), depth + 1)


def invalid_fields(value: Any, path: str = "") -> dict[str, list[str]]:
    """Each field of `value` holding text that cannot be stored, with the reason (in the request's language)."""
    return {name: [str(MESSAGE)] for name, text in _strings(value, path) if INVALID_TEXT.search(text)}


def check_text(value: Any) -> Any:
    errors = invalid_fields(value)
    if errors:
        raise ValidationError(errors)
    return value


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except ParseError as exc:
            # DRF's message carries Python's own English account of where the JSON broke.
            raise ParseError(_("The body is not valid JSON.")) from exc
        return fold_numbers(check_text(data))


def _flat(form: Any) -> dict[str, str]:
    """A form's fields, a field's several values as one (errors name the field, not a position)."""
    return {key: "".join(form.getlist(key)) for key in form}


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        form = super().parse(stream, media_type, parser_context)
        check_text(_flat(form))
        return fold_query_dict(form)


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        result = super().parse(stream, media_type, parser_context)
        check_text(_flat(result.data))
        check_text({key: getattr(upload, "name", "") or "" for key, upload in result.files.items()})
        return parsers.DataAndFiles(fold_query_dict(result.data), result.files)


def json_object(request: Request) -> Mapping[str, Any]:
    """The request's body, which must be one JSON object (or form): 400 otherwise."""
    if not isinstance(request.data, Mapping):
        raise ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return request.data


def query_text_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """400 for a query string carrying text that cannot be stored or searched; numbers folded."""

    def middleware(request: HttpRequest) -> HttpResponse:
        errors = invalid_fields({key: key + "".join(values) for key, values in request.GET.lists()})
        if errors:
            return JsonResponse(errors, status=400)
        request.GET = fold_query_dict(request.GET)  # type: ignore[assignment]  # immutable, as Django makes it
        return get_response(request)

    return middleware
