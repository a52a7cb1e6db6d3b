"""Push notifications (issue 22): the worker sends what writes recorded (core/push/delivery.py)."""

from celery import shared_task

from core.push.delivery import pushes_send
from core.push.receipts import push_receipts_check


@shared_task(name="push.send", ignore_result=True)
def send_pushes() -> int:
    return pushes_send()


@shared_task(name="push.check_receipts", ignore_result=True)
def check_receipts() -> int:
    return push_receipts_check()
