"""Saved-search alerts (issue 6): new matches become notifications (discovery/alerts.py)."""

import logging

from celery import shared_task

from discovery.alerts import alerts_check
from search.engines.base import EngineUnavailable

logger = logging.getLogger(__name__)


@shared_task(name="alerts.check_saved_searches", ignore_result=True)
def check_saved_searches_task() -> dict[str, int]:
    """Beat, every ALERTS_INTERVAL_SECONDS. Idempotent: a match notifies once."""
    try:
        return alerts_check().__dict__
    except EngineUnavailable as exc:
        # Cursors did not move: the next run finds the same matches.
        logger.warning("alerts.engine_unavailable", extra={"error": str(exc)})
        return {}
