"""Buyers' events for analysts (issue 9): the Redis buffer → PostgreSQL."""

from celery import shared_task
from django.conf import settings

from core.events.services import events_drain, events_purge


@shared_task(name="events.drain", ignore_result=True)
def drain_events_task() -> int:
    """Every few seconds (beat). Safe to overlap or retry: each event leaves the buffer once (RPOP)."""
    return events_drain()


@shared_task(name="events.purge", ignore_result=True)
def purge_events_task() -> int:
    """Daily (beat): events older than EVENTS_RETENTION_DAYS."""
    return events_purge(older_than_days=settings.EVENTS_RETENTION_DAYS)
