"""Pages of lists: {"count", "page", "page_size", "results"} (API.md, Conventions)."""

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from web.api.number_input import whole_number

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 24


def page_params(request: Request, *, default_size: int = DEFAULT_PAGE_SIZE) -> tuple[int, int]:
    errors = {}
    page, size = 1, default_size
    raw = request.query_params.get("page", "").strip()
    if raw:
        number = whole_number(raw)
        if number is not None and 1 <= number <= MAX_PAGE:
            page = number
        else:
            errors["page"] = [_("Must be a whole number from 1 to %(max_page)s.") % {"max_page": f"{MAX_PAGE:,}"}]
    raw = request.query_params.get("page_size", "").strip()
    if raw:
        number = whole_number(raw)
        if number is not None and 1 <= number <= MAX_PAGE_SIZE:
            size = number
        else:
            errors["page_size"] = [_("Must be a whole number from 1 to %(max_page_size)s.") % {"max_page_size": MAX_PAGE_SIZE}]
    if errors:
        raise ValidationError(errors)
    return page, size


class PagePagination(BasePagination):
    def paginate_queryset(self, queryset: QuerySet | Sequence, request: Request, view: Any = None) -> list:
        """The page is one slice of one query, never cut to a count taken
        before it: a row inserted between the two would push a row of the page
        out of every page (docs/decisions/messaging.md, "Catching up")."""
        self.page, self.page_size = page_params(request)
        start = (self.page - 1) * self.page_size
        rows = list(queryset[start : start + self.page_size])
        self.count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        return rows

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"count": self.count, "page": self.page, "page_size": self.page_size, "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "page", "page_size", "results"],
            "properties": {
                "count": {"type": "integer"},
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "results": schema,
            },
        }


def paged(serializer: BaseSerializer, name: str, **extra: Any) -> BaseSerializer:
    """A page of `serializer` items as the schema shows it ({"count", "page", "page_size", "results"})."""
    fields = {
        "count": serializers.IntegerField(help_text="Items in all pages"),
        "page": serializers.IntegerField(min_value=1),
        "page_size": serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE),
        "results": serializer,
        **extra,
    }
    page = inline_serializer(name, fields)
    page.is_page = True  # type: ignore[attr-defined]  # web/api/schema.py names the operation a list
    return page


# As page_params enforces them.
PAGE_PARAMETERS = [
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, description="1-based"),
    OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}, description=f"1–{MAX_PAGE_SIZE}"),
]


def page_response(
    request: Request, queryset: QuerySet | Sequence, serializer_class: type[BaseSerializer], *, context: dict | None = None
) -> Response:
    """One page of `queryset`, serialized (with the serializer's `context`), as the API answers lists."""
    paginator = PagePagination()
    page = paginator.paginate_queryset(queryset, request)
    return paginator.get_paginated_response(serializer_class(page, many=True, context=context or {}).data)
