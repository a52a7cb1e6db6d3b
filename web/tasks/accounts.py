"""Account e-mails, sent from a worker so the request answers at once."""

from smtplib import SMTPException

from celery import shared_task

from core.accounts.services import PASSWORD_RESET_TASK, user_password_reset_send


@shared_task(
    name=PASSWORD_RESET_TASK,
    ignore_result=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    max_retries=5,
)
def send_password_reset_task(user_id: int) -> bool:
    return user_password_reset_send(user_id=user_id)
