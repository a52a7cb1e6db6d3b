"""Celery tasks of the indexer: thin, idempotent, safe to retry."""

import logging

from celery import shared_task

from core.outbox.services import RELAY_TASK
from indexer.relay import relay_outbox
from search.engines.base import EngineUnavailable

logger = logging.getLogger(__name__)


def _relay(trigger: str) -> int:
    try:
        return relay_outbox().sent
    except EngineUnavailable as exc:
        # Nothing is lost: the rows stay in the outbox and the next sweep retries.
        logger.warning("relay.engine_unavailable", extra={"trigger": trigger, "error": str(exc)})
        return 0


@shared_task(name=RELAY_TASK, ignore_result=True)
def relay_outbox_task() -> int:
    """Asked for on commit by core/outbox/services.py."""
    return _relay("commit")


@shared_task(name="indexer.sweep_outbox", ignore_result=True)
def sweep_outbox_task() -> int:
    """Every few seconds (beat): whatever a lost message or a crash left behind."""
    return _relay("sweep")


@shared_task(name="indexer.reconcile_index", ignore_result=True)
def reconcile_index_task() -> dict[str, int]:
    from indexer.reconcile import reconcile_index

    try:
        return reconcile_index().as_dict()
    except EngineUnavailable as exc:
        logger.warning("reconcile.engine_unavailable", extra={"error": str(exc)})
        return {}
