"""Messaging notices (issue 7): emails about messages that wait unread.

Beat runs this every minute (CELERY_BEAT_SCHEDULE). It is idempotent: a
conversation's unread messages are marked when emailed, so a repeated or
concurrent run sends nothing twice.
"""

from celery import shared_task

from core.messaging.notices import unread_notices_send


@shared_task(name="messaging.send_unread_emails", ignore_result=True)
def send_unread_message_emails() -> int:
    return unread_notices_send()
