"""Unread-message e-mails as alert e-mails (issue 18): delivered by Django's SMTP
backend to a real SMTP server on loopback (testing/smtp.py), with the `messages`
switch and its one-click unsubscribe."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from core.accounts.models import Language
from core.alerts.models import AlertEmailSettings
from core.alerts.services import alert_email_settings_update
from core.messaging import services
from core.messaging.notices import unread_notices_send
from testing.accounts import UserFactory
from testing.messaging import start_conversation
from testing.smtp import body_text, header

pytestmark = pytest.mark.django_db


def later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_an_unread_message_is_emailed_once_after_the_delay_with_a_one_click_unsubscribe(smtp_mail):
    conversation = start_conversation(body="Is it still for sale?")
    seller, buyer = conversation.seller, conversation.buyer
    waited = settings.MESSAGING_UNREAD_EMAIL_AFTER_MINUTES

    assert unread_notices_send(now=later(waited - 1)) == 0
    assert unread_notices_send(now=later(waited + 1)) == 1
    assert unread_notices_send(now=later(waited + 30)) == 0  # once only
    (message,) = smtp_mail.wait_for(seller.email)
    assert smtp_mail.to(buyer.email) == []  # never to the sender

    text, html = body_text(message), body_text(message, "html")
    assert "Is it still for sale?" in text and f"{settings.SITE_URL}/messages/{conversation.pk}" in text
    unsubscribe = header(message, "List-Unsubscribe").strip("<>")
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert f"Stop e-mails about unread messages: {unsubscribe}" in text and f'href="{unsubscribe}"' in html

    # The mail client's one-click POST: no cookies, no CSRF token.
    assert Client().post(urlsplit(unsubscribe).path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert AlertEmailSettings.objects.get(user=seller).messages is False
    services.conversation_mark_read(reader=seller, conversation_id=conversation.pk)
    services.message_send(sender=buyer, conversation_id=conversation.pk, body="Hello?")
    assert unread_notices_send(now=later(waited + 1)) == 0
    assert len(smtp_mail.to(seller.email)) == 1


def test_read_messages_and_a_switched_off_recipient_get_no_email(smtp_mail):
    read = start_conversation()
    services.conversation_mark_read(reader=read.seller, conversation_id=read.pk)
    switched_off = start_conversation()
    alert_email_settings_update(user=switched_off.seller, changes={"messages": False})

    assert unread_notices_send(now=later(settings.MESSAGING_UNREAD_EMAIL_AFTER_MINUTES + 1)) == 0
    assert smtp_mail.to(read.seller.email) == [] and smtp_mail.to(switched_off.seller.email) == []


def test_an_arabic_recipient_gets_it_in_arabic_and_the_unsubscribe_page_speaks_arabic(smtp_mail):
    seller = UserFactory(preferred_language=Language.AR)
    conversation = start_conversation(seller=seller, body="هل السيارة متوفرة؟")

    assert unread_notices_send(now=later(settings.MESSAGING_UNREAD_EMAIL_AFTER_MINUTES + 1)) == 1
    (message,) = smtp_mail.wait_for(seller.email)

    text = body_text(message)
    assert header(message, "Subject").startswith("رسالة جديدة من ")
    assert "هل السيارة متوفرة؟" in text and f"/messages/{conversation.pk}" in text
    assert "إيقاف رسائل البريد عن الرسائل غير المقروءة" in text
    page = Client().post(urlsplit(header(message, "List-Unsubscribe").strip("<>")).path, {"action": "unsubscribe"})
    assert page.status_code == 200 and 'lang="ar"' in page.content.decode()
    assert "لن تصلك بعد الآن رسائل بريد عن الرسائل غير المقروءة." in page.content.decode()
