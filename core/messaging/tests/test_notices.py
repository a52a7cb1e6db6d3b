import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from core.messaging import services
from core.messaging.notices import unread_notices_send
from testing.accounts import UserFactory
from testing.listings import make_listing
from testing.messaging import XSS_PAYLOADS, start_conversation

pytestmark = pytest.mark.django_db


def later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_message_unread_for_15_minutes_emails_the_recipient(mailoutbox):
    seller = UserFactory(display_name="Huda", phone="+97333998877")
    buyer = UserFactory(display_name="Ali", phone="+97339112233")
    listing = make_listing(seller=seller, year=2021, trim="GXR")
    conversation = start_conversation(buyer=buyer, listing=listing, body="Is the price negotiable?")

    assert unread_notices_send(now=later(14)) == 0
    assert unread_notices_send(now=later(16)) == 1

    [email] = mailoutbox
    assert email.to == [seller.email]
    assert email.subject == f"Ali sent you a message about {listing.title}"
    assert "Is the price negotiable?" in email.body
    assert f"{settings.SITE_URL}/messages/{conversation.pk}" in email.body
    html = email.alternatives[0][0]
    assert f'href="{settings.SITE_URL}/messages/{conversation.pk}"' in html
    for private in (buyer.email, buyer.phone, seller.phone):
        assert private not in email.body and private not in html


def test_one_email_per_conversation_until_the_recipient_reads(mailoutbox):
    conversation = start_conversation()
    assert unread_notices_send(now=later(16)) == 1
    services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="Hello again?")

    assert unread_notices_send(now=later(40)) == 0

    services.conversation_mark_read(reader=conversation.seller, conversation_id=conversation.pk)
    services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="Are you there?")
    assert unread_notices_send(now=later(20)) == 1
    assert [email.to for email in mailoutbox] == [[conversation.seller.email]] * 2
    assert "Are you there?" in mailoutbox[1].body


def test_read_messages_send_no_email(mailoutbox):
    conversation = start_conversation()
    services.conversation_mark_read(reader=conversation.seller, conversation_id=conversation.pk)

    assert unread_notices_send(now=later(30)) == 0
    assert mailoutbox == []


def test_each_participant_is_emailed_about_what_they_have_not_read(mailoutbox):
    conversation = start_conversation()
    services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Yes, come and see it")

    assert unread_notices_send(now=later(16)) == 2
    assert sorted(email.to[0] for email in mailoutbox) == sorted([conversation.buyer.email, conversation.seller.email])


def test_the_email_speaks_the_recipients_language(mailoutbox):
    seller = UserFactory(display_name="Huda", preferred_language="ar")
    conversation = start_conversation(seller=seller, body="السلام عليكم، هل السيارة متوفرة؟")

    unread_notices_send(now=later(16))

    [email] = mailoutbox
    assert email.subject.startswith("رسالة جديدة من ")
    assert "هل السيارة متوفرة؟" in email.body and "للقراءة والرد" in email.body
    assert 'dir="rtl"' in email.alternatives[0][0]
    assert f"/messages/{conversation.pk}" in email.body


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_preview_is_escaped(mailoutbox, payload):
    start_conversation(body=payload)

    unread_notices_send(now=later(16))

    [email] = mailoutbox
    html = email.alternatives[0][0]
    for part in (email.body, html):
        assert payload not in part
        assert "&lt;" in part and ("&lt;script&gt;" in part or "&lt;img" in part)


def test_a_recipient_who_blocked_the_sender_gets_no_email(mailoutbox):
    conversation = start_conversation()
    services.user_block(blocker=conversation.seller, conversation_id=conversation.pk)

    assert unread_notices_send(now=later(16)) == 0
    assert mailoutbox == []
