"""Account e-mails (reset links, verification links, registration notices), sent
from a worker so the request answers at once."""

from smtplib import SMTPException

from celery import shared_task

from core.accounts.services import (
    ACCOUNT_MAILS,
    PASSWORD_RESET_TASK,
    REGISTRATION_NOTICE_TASK,
    VERIFICATION_TASK,
    WARNING_TASK,
)

RETRIED = {
    "ignore_result": True,
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "max_retries": 5,
}


@shared_task(name=PASSWORD_RESET_TASK, **RETRIED)
def send_password_reset_task(user_id: int) -> bool:
    return ACCOUNT_MAILS[PASSWORD_RESET_TASK](user_id=user_id)


@shared_task(name=VERIFICATION_TASK, **RETRIED)
def send_verification_task(user_id: int) -> bool:
    return ACCOUNT_MAILS[VERIFICATION_TASK](user_id=user_id)


@shared_task(name=REGISTRATION_NOTICE_TASK, **RETRIED)
def send_registration_notice_task(user_id: int) -> bool:
    return ACCOUNT_MAILS[REGISTRATION_NOTICE_TASK](user_id=user_id)


@shared_task(name=WARNING_TASK, **RETRIED)
def send_moderation_warning_task(user_id: int) -> bool:
    return ACCOUNT_MAILS[WARNING_TASK](user_id=user_id)
