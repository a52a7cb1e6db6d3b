"""Forgetting Idempotency-Keys once their day has passed (web/api/idempotency.py)."""

from celery import shared_task

from web.api.idempotency import idempotency_purge


@shared_task(name="idempotency.purge", ignore_result=True)
def purge_idempotency_keys_task() -> int:
    return idempotency_purge()
