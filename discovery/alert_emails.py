"""Alerts by e-mail, run every ALERT_EMAILS_SECONDS (discovery/tasks.py): price
drops on favourites recorded, instant e-mails sent, then the daily digests,
whose "Recommended for you" comes from discovery/recommendations.py (the
e-mails themselves: core/alerts/emails.py)."""

import logging
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from core.accounts.models import User
from core.alerts.emails import RECOMMENDED_IN_DIGEST, digests_send, instant_emails_send, price_drops_record
from core.recommendations.selectors import user_subject_key
from discovery.recommendations import recommendations_for
from search.engines.base import EngineError

logger = logging.getLogger(__name__)


@dataclass
class EmailRun:
    price_drops: int = 0
    instant: int = 0
    digests: int = 0


def recommended_for_digest(user: User) -> list[dict[str, Any]]:
    """A few recommendations in the buyer's country; none when the engine fails (the digest still goes out)."""
    try:
        # A few extra: the digest drops cars it already lists.
        found = recommendations_for(
            subject_key=user_subject_key(user.pk), user_id=user.pk, country=user.country, stop=RECOMMENDED_IN_DIGEST * 3
        )
    except EngineError as exc:
        logger.warning("alerts.digest_recommendations_failed", extra={"user_id": user.pk, "error": str(exc)})
        return []
    return found.results if found.enabled else []


def alert_emails_run() -> EmailRun:
    now = timezone.now()
    run = EmailRun(price_drops=price_drops_record(now=now))
    run.instant = instant_emails_send(now=now)
    run.digests = digests_send(now=now, recommended=recommended_for_digest)
    if run.instant or run.digests:
        logger.info("alerts.emails_sent", extra=run.__dict__)
    return run
