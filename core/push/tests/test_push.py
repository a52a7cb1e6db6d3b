"""Devices and the pushes owed to them (core/push), sent in-process through the
real Expo sender to the recording push service on loopback (testing/push.py)."""

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.accounts.services import user_change_password
from core.messaging.services import message_send
from core.push.delivery import pushes_send
from core.push.models import Device, Push, PushTicket
from core.push.receipts import push_receipts_check
from core.push.services import device_register, push_alert_record
from testing.accounts import NEW_PASSWORD, PASSWORD, UserFactory
from testing.messaging import reset_send_limits, start_conversation
from testing.push import PushServer, expo_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def push_server(settings) -> Iterator[PushServer]:  # type: ignore[no-untyped-def]
    server = PushServer().start()
    for name, value in server.env().items():
        setattr(settings, name, value)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_send_limits() -> None:
    reset_send_limits()


def test_a_device_is_registered_once_per_token_and_moves_to_whoever_registers_it_last():
    first, second = UserFactory(), UserFactory(preferred_language="ar")
    token = expo_token()

    created = device_register(user=first, data={"token": token, "platform": "ios"})
    again = device_register(user=first, data={"token": f"  {token} ", "platform": "ios", "language": "ar"})
    moved = device_register(user=second, data={"token": token, "platform": "android"})

    assert again.pk == created.pk == moved.pk
    assert (created.language, again.language) == ("en", "ar")
    assert Device.objects.get(token=token).user == second
    assert not Device.objects.filter(user=first).exists()


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, {"token", "platform"}),
        ({"token": "ExponentPushToken[]", "platform": "ios"}, {"token"}),
        ({"token": "not-a-token", "platform": "web"}, {"token", "platform"}),
        ({"token": ["ExponentPushToken[abc]"], "platform": "ios", "language": "fr"}, {"token", "language"}),
        ({"token": "ExponentPushToken[" + "a" * 300 + "]", "platform": "ios"}, {"token"}),
    ],
)
def test_bad_devices_are_refused_naming_each_field(data, fields):
    with pytest.raises(ValidationError) as refused:
        device_register(user=UserFactory(), data=data)

    assert set(refused.value.message_dict) == fields


def test_a_user_keeps_their_most_recent_devices(settings):
    settings.PUSH_DEVICES_MAX = 2
    user = UserFactory()
    tokens = [expo_token() for _ in range(3)]

    for token in tokens:
        device_register(user=user, data={"token": token, "platform": "android"})

    assert set(Device.objects.filter(user=user).values_list("token", flat=True)) == set(tokens[1:])


def test_a_new_password_signs_out_the_account_s_apps_and_their_devices():
    user = UserFactory()
    device_register(user=user, data={"token": expo_token(), "platform": "ios"})

    user_change_password(user=user, current_password=PASSWORD, new_password=NEW_PASSWORD)

    assert not Device.objects.filter(user=user).exists()


def test_nobody_is_owed_a_push_without_a_device():
    conversation = start_conversation()

    message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Yes, it is.")

    assert not Push.objects.exists()


def test_a_message_is_pushed_to_the_recipient_s_devices_in_each_device_s_language(push_server):
    conversation = start_conversation()
    arabic, english, own = expo_token(), expo_token(), expo_token()
    device_register(user=conversation.buyer, data={"token": arabic, "platform": "ios", "language": "ar"})
    device_register(user=conversation.buyer, data={"token": english, "platform": "android", "language": "en"})
    device_register(user=conversation.seller, data={"token": own, "platform": "ios"})

    message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Yes,\n it is   still here.")
    sent = pushes_send()

    (in_arabic,) = push_server.sent_to(arabic)
    (in_english,) = push_server.sent_to(english)
    title = conversation.listing.title
    assert sent == 2
    assert in_english["title"] == f"{conversation.seller.display_name} about {title}"
    assert in_arabic["title"] == f"{conversation.seller.display_name} بخصوص {title}"
    assert in_english["body"] == in_arabic["body"] == "Yes, it is still here."
    assert in_english["data"] == {"type": "message", "conversation_id": conversation.pk}
    assert push_server.sent_to(own) == []
    assert not Push.objects.exists()


def test_an_uninstalled_app_s_device_is_removed_and_the_others_still_get_pushes(push_server):
    user = UserFactory()
    gone, kept = expo_token(gone=True), expo_token()
    for token in (gone, kept):
        device_register(user=user, data={"token": token, "platform": "android"})

    with transaction.atomic():
        push_alert_record(user_id=user.pk, saved_search_id=7, name="Land Cruisers", listing_ids=[11, 12, 13])
    pushes_send()

    (alert,) = push_server.sent_to(kept)
    assert alert["title"] == "New cars for “Land Cruisers”"
    assert alert["body"] == "3 new cars match your saved search."
    assert alert["data"] == {"type": "alert", "saved_search_id": 7, "listing_id": 11}
    assert list(Device.objects.filter(user=user).values_list("token", flat=True)) == [kept]


def test_pushes_wait_while_the_push_service_is_unavailable_and_stale_ones_are_dropped(push_server):
    user = UserFactory(preferred_language="ar")
    token = expo_token()
    device_register(user=user, data={"token": token, "platform": "ios"})
    push_alert_record(user_id=user.pk, saved_search_id=1, name="Old", listing_ids=[1])
    Push.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))
    push_alert_record(user_id=user.pk, saved_search_id=2, name="تويوتا", listing_ids=[5])

    push_server.unavailable.set()
    during = pushes_send()
    waiting = Push.objects.count()
    push_server.unavailable.clear()
    after = pushes_send()

    (alert,) = push_server.sent_to(token)
    assert (during, waiting, after) == (0, 2, 1)
    assert alert["title"] == "سيارات جديدة لـ «تويوتا»"
    assert not Push.objects.exists()


def test_receipts_are_read_once_due_and_one_saying_the_app_is_gone_removes_its_device(push_server, settings):
    settings.PUSH_RECEIPT_DELAY_SECONDS = 15 * 60
    user = UserFactory()
    uninstalled, kept = expo_token(uninstalled=True), expo_token()
    for token in (uninstalled, kept):
        device_register(user=user, data={"token": token, "platform": "ios"})
    with transaction.atomic():
        push_alert_record(user_id=user.pk, saved_search_id=3, name="Patrols", listing_ids=[4])
    pushes_send()
    tickets = PushTicket.objects.count()

    too_early = push_receipts_check()
    later = timezone.now() + datetime.timedelta(minutes=16)
    push_server.unavailable.set()
    during_outage = push_receipts_check(now=later)
    kept_through_outage = PushTicket.objects.count()
    push_server.unavailable.clear()
    removed = push_receipts_check(now=later)

    assert tickets == 2
    assert (too_early, during_outage, kept_through_outage) == (0, 0, 2)
    assert removed == 1
    assert list(Device.objects.filter(user=user).values_list("token", flat=True)) == [kept]
    assert not PushTicket.objects.exists()


def test_a_ticket_without_a_receipt_is_asked_about_again_and_forgotten_after_a_day(push_server, settings):
    settings.PUSH_RECEIPT_DELAY_SECONDS = 0
    device = device_register(user=UserFactory(), data={"token": expo_token(), "platform": "android"})
    PushTicket.objects.create(ticket_id="not-known-to-expo", device=device)

    push_receipts_check()
    push_receipts_check()
    waiting = PushTicket.objects.count()
    push_receipts_check(now=timezone.now() + datetime.timedelta(hours=25))

    assert waiting == 1
    assert not PushTicket.objects.exists()
    assert Device.objects.filter(pk=device.pk).exists()
