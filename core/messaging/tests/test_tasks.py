"""The unread-message email task (core/messaging/tasks.py) and its beat entry."""

import datetime

import pytest
from celery import current_app
from django.conf import settings
from django.utils import timezone

from core.messaging.models import Message
from core.messaging.tasks import send_unread_message_emails
from testing.messaging import start_conversation
from testing.processes import wait_until


def sent_mail(mail_dir) -> str:  # type: ignore[no-untyped-def]
    return "".join(path.read_text(errors="replace") for path in sorted(mail_dir.glob("*.log")))


def waited(conversation, minutes: int = 16) -> None:
    """Let the conversation's messages wait unread for `minutes`."""
    Message.objects.filter(conversation=conversation).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes))


def test_beat_runs_the_task_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["messaging-unread-emails"]

    assert entry == {"task": "messaging.send_unread_emails", "schedule": 60}
    assert "messaging.send_unread_emails" in current_app.tasks


@pytest.mark.django_db
def test_the_task_emails_once_about_a_message_unread_for_15_minutes(mailoutbox):
    conversation = start_conversation(body="<script>alert(1)</script> still for sale?")
    waited(conversation, minutes=14)
    assert send_unread_message_emails() == 0

    waited(conversation, minutes=16)
    assert send_unread_message_emails() == 1
    assert send_unread_message_emails() == 0

    [email] = mailoutbox
    assert email.to == [conversation.seller.email]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; still for sale?" in email.body
    assert "<script>" not in email.body and "<script>" not in email.alternatives[0][0]
    assert f"{settings.SITE_URL}/messages/{conversation.pk}" in email.body


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_the_worker_sends_the_email(celery_worker, mail_dir):
    conversation = start_conversation(body="Is the service history available?")
    waited(conversation)

    current_app.send_task("messaging.send_unread_emails")

    wait_until(lambda: "Is the service history available?" in sent_mail(mail_dir), timeout=30, message="the email")
    mail = sent_mail(mail_dir)
    assert f"To: {conversation.seller.email}" in mail
    assert f"/messages/{conversation.pk}" in mail
    assert Message.objects.get(conversation=conversation).notified_at is not None
