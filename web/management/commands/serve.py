"""`manage.py serve`: the production web server (uvicorn, ASGI: HTTP and WebSockets).

Workers default to WEB_CONCURRENCY (settings: from the CPU count). With more
than one, Prometheus counters live in files shared by the workers
(PROMETHEUS_MULTIPROC_DIR; a fresh temporary one when unset) so /metrics adds
up every worker's requests whichever worker answers the scrape.
"""

import logging
import os
import tempfile
from pathlib import Path

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

logger = logging.getLogger(__name__)


def prepare_metrics_dir(configured: str) -> str:
    """The multiprocess metrics folder, emptied: counts of a previous run must not be added in."""
    path = Path(configured) if configured else Path(tempfile.mkdtemp(prefix="sayara-metrics-"))
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()
    return str(path)


class Command(BaseCommand):
    help = "Serve Sayara with uvicorn (WEB_CONCURRENCY workers by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="0.0.0.0")  # noqa: S104 - a container's server listens on its network
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=None, help="default: WEB_CONCURRENCY")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        workers = options["workers"] or settings.WEB_CONCURRENCY
        if workers > 1 or settings.PROMETHEUS_MULTIPROC_DIR:
            # Read by prometheus-client when each worker imports it, so it must be set before they start.
            os.environ["PROMETHEUS_MULTIPROC_DIR"] = prepare_metrics_dir(settings.PROMETHEUS_MULTIPROC_DIR)
        logger.info("web.serving", extra={"host": options["host"], "port": options["port"], "workers": workers})
        uvicorn.run(
            "web.asgi:application",
            host=options["host"],
            port=options["port"],
            workers=workers,
            # Django's ASGI handler has no lifespan events.
            lifespan="off",
            # The same handlers and format (plain or JSON) as the rest of Sayara.
            log_config=settings.LOGGING,
            # X-Forwarded-For/-Proto are believed from FORWARDED_ALLOW_IPS (uvicorn reads it; default 127.0.0.1).
            proxy_headers=True,
            server_header=False,
            timeout_graceful_shutdown=30,
        )
