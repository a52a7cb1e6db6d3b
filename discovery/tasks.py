"""Saved-search alerts (issue 6): new matches become notifications (discovery/alerts.py)
and e-mails (discovery/alert_emails.py); deal ratings follow the market (discovery/prices.py)."""

import logging

from celery import shared_task

from discovery.alert_emails import alert_emails_run
from discovery.alerts import alerts_check
from discovery.prices import listings_rate_deals
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


@shared_task(name="alerts.send_emails", ignore_result=True)
def send_alert_emails_task() -> dict[str, int]:
    """Beat, every ALERT_EMAILS_SECONDS. Idempotent: each alert is e-mailed once."""
    return alert_emails_run().__dict__


@shared_task(name="prices.rate_deals", ignore_result=True)
def rate_deals_task() -> int:
    """Beat, every DEAL_RATING_HOURS, and after demo data is seeded. Idempotent: unchanged ratings write nothing."""
    try:
        return listings_rate_deals()
    except EngineUnavailable as exc:
        logger.warning("prices.engine_unavailable", extra={"error": str(exc)})
        return 0
