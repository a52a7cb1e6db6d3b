"""Celery tasks of the interfaces (alerts, messaging notices); the indexer's own
tasks live in indexer/tasks.py. Each module registers its tasks on import."""

from web.tasks import accounts, alerts, events, idempotency, messaging, recommendations  # noqa: F401
