"""Push notifications (issue 22): the worker sends what writes recorded (core/push/delivery.py)."""

from celery import shared_task

from core.push.delivery import pushes_send


@shared_task(name="push.send", ignore_result=True)
def send_pushes() -> int:
    return pushes_send()
