"""Log formats and error reporting, set up from settings (docs/operations.md, "Monitoring")."""

import logging
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS

# A JSON formatter for LOGGING: one object per line with these keys, plus the
# `extra={...}` fields of the log call (logger.info("listing.indexed", extra=...)).
JSON_FORMATTER: dict[str, Any] = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    # uvicorn repeats each message with terminal colours: not for a collector.
    "reserved_attrs": [*RESERVED_ATTRS, "color_message"],
}


def json_logs() -> None:
    """Python warnings become log records too, so every line of output is JSON."""
    logging.captureWarnings(True)


def sentry_init(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    """Report errors of web requests and Celery tasks (and ERROR log records) to Sentry."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        # Buyers' and sellers' personal data stays out of error reports.
        send_default_pii=False,
        integrations=[DjangoIntegration(), CeleryIntegration()],
    )
