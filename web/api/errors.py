"""One exception handler for the API: every failure gets a clear status and
a JSON body (API.md, Conventions). No bad input ever yields a 500."""

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError, Translatable
from search.analytics import QueryTimeout
from search.engines.base import EngineError, EngineUnavailable
from search.params import InvalidParams

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "5"


def validation_body(error: DjangoValidationError | InvalidParams) -> dict[str, Any]:
    """{field: [message]} of bad input (a search parameter's errors may nest: analytics' "filters")."""
    if isinstance(error, InvalidParams):
        return error.errors
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(message) for message in error.messages]}


def _unavailable(message: Translatable) -> Response:
    response = Response({"detail": message}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(exc.body(), status=exc.status, headers=exc.headers())
    if isinstance(exc, (DjangoValidationError, InvalidParams)):
        return Response(validation_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ObjectDoesNotExist):
        exc = Http404()
    if isinstance(exc, QueryTimeout):
        logger.warning("api.query_timeout", extra={"seconds": exc.seconds})
        message = _(
            "The query took longer than %(seconds)s seconds and was stopped. Narrow the filters or group by fewer fields."
        ) % {"seconds": f"{exc.seconds:g}"}
        return Response({"detail": message}, status=status.HTTP_504_GATEWAY_TIMEOUT)
    if isinstance(exc, EngineUnavailable):
        logger.warning("api.engine_unavailable", extra={"error": str(exc)})
        return _unavailable(_("Search is temporarily unavailable. Please try again in a moment."))
    if isinstance(exc, EngineError):
        logger.error("api.engine_error", extra={"error": str(exc), "status": exc.status})
        return _unavailable(_("Search could not answer this request right now. Please try again."))
    if isinstance(exc, (OperationalError, InterfaceError)):
        logger.error("api.database_unavailable", extra={"error": str(exc)})
        return _unavailable(_("The service is temporarily unavailable. Please try again in a moment."))
    if isinstance(exc, DatabaseError):
        # A constraint refused the write: most often a race with another request.
        logger.exception("api.database_error")
        return Response(
            {"detail": _("This conflicts with the current state; reload and try again.")}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled) and getattr(exc, "wait", None) is not None:
        response["Retry-After"] = str(int(exc.wait) + 1)  # type: ignore[attr-defined]
    return response
