"""The chat WebSocket against the real Redis channel layer (web/consumers/chat.py)."""

import re
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from core.accounts.models import User
from core.messaging import services
from core.messaging.models import Conversation, Message
from testing.accounts import UserFactory
from testing.messaging import XSS_PAYLOADS, start_conversation
from web.asgi import application
from web.tests.test_arabic_errors_http import ENGLISH, texts

# The consumer reads and writes through its own connections: commit for real.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://testserver")
TIMEOUT = 5


@database_sync_to_async
def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


class Tabs:
    """Open sockets, closed after each test."""

    def __init__(self) -> None:
        self.open: list[WebsocketCommunicator] = []

    async def connect(
        self, user=None, *, origin: tuple[bytes, bytes] = ORIGIN, language: bytes = b"en"
    ) -> tuple[WebsocketCommunicator, bool, int | None]:
        # A browser names the host it opened; the origin check compares the origin with it.
        headers = [origin, (b"host", b"testserver"), (b"accept-language", language)]
        if user is not None:
            headers.append((b"cookie", await session_cookie(user)))
        tab = WebsocketCommunicator(application, "/ws/chat/", headers=headers)
        connected, code = await tab.connect(timeout=TIMEOUT)
        if connected:
            self.open.append(tab)
        return tab, connected, code

    async def of(self, user, language: bytes = b"en") -> WebsocketCommunicator:
        tab, connected, code = await self.connect(user, language=language)
        assert connected, code
        return tab


@pytest_asyncio.fixture
async def tabs() -> AsyncIterator[Tabs]:
    opened = Tabs()
    yield opened
    for tab in opened.open:
        await tab.disconnect()


@database_sync_to_async
def conversation_between() -> Conversation:
    """A conversation with its participants loaded (no lazy queries in async code)."""
    return Conversation.objects.select_related("buyer", "seller").get(pk=start_conversation().pk)


async def test_both_participants_receive_each_others_messages_in_every_tab(tabs):
    conversation = await conversation_between()
    buyer, seller = conversation.buyer, conversation.seller
    buyer_phone, buyer_laptop, seller_tab = await tabs.of(buyer), await tabs.of(buyer), await tabs.of(seller)

    await buyer_phone.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "Can I see it today?"})

    for tab in (buyer_phone, buyer_laptop, seller_tab):
        event = await tab.receive_json_from(timeout=TIMEOUT)
        assert event["type"] == "message" and event["conversation_id"] == conversation.pk
        assert event["message"]["body"] == "Can I see it today?"
        assert event["message"]["sender_id"] == buyer.pk and event["message"]["read_at"] is None

    await seller_tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "Yes, after 5"})

    for tab in (buyer_phone, buyer_laptop, seller_tab):
        event = await tab.receive_json_from(timeout=TIMEOUT)
        assert (event["message"]["body"], event["message"]["sender_id"]) == ("Yes, after 5", seller.pk)
    stored = await database_sync_to_async(
        lambda: list(Message.objects.filter(conversation=conversation).values_list("body", flat=True))
    )()
    assert stored == ["Yes, after 5", "Can I see it today?", "Is it still available?"]


async def test_a_third_user_receives_nothing_and_cannot_write_in_or_read_a_conversation_not_theirs(tabs):
    conversation = await conversation_between()
    stranger = await database_sync_to_async(UserFactory)()
    buyer_tab, seller_tab, stranger_tab = (
        await tabs.of(conversation.buyer),
        await tabs.of(conversation.seller),
        await tabs.of(stranger),
    )

    await stranger_tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "let me in", "client_id": "c1"})
    refused = await stranger_tab.receive_json_from(timeout=TIMEOUT)
    await stranger_tab.send_json_to({"type": "read", "conversation_id": conversation.pk})
    refused_read = await stranger_tab.receive_json_from(timeout=TIMEOUT)
    await buyer_tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "private"})

    assert refused == {
        "type": "error",
        "code": "not_found",
        "detail": "No conversation of yours has this id.",
        "client_id": "c1",
        "conversation_id": conversation.pk,
    }
    assert refused_read["code"] == "not_found"
    assert (await seller_tab.receive_json_from(timeout=TIMEOUT))["message"]["body"] == "private"
    assert (await buyer_tab.receive_json_from(timeout=TIMEOUT))["message"]["body"] == "private"
    assert await stranger_tab.receive_nothing(timeout=0.5)
    assert await database_sync_to_async(Message.objects.filter(body="let me in").exists)() is False


async def test_anonymous_connections_are_refused_with_4401(tabs):
    _, connected, code = await tabs.connect(None)

    assert (connected, code) == (False, 4401)


async def test_connections_from_another_site_are_refused(tabs):
    user = await database_sync_to_async(UserFactory)()

    _, connected, _ = await tabs.connect(user, origin=(b"origin", b"https://evil.example"))

    assert connected is False


async def test_messages_sent_through_rest_are_pushed_to_open_tabs(tabs):
    conversation = await conversation_between()
    seller_tab = await tabs.of(conversation.seller)

    def post_through_rest():
        api = APIClient()
        api.force_authenticate(conversation.buyer)
        return api.post(f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Sent from REST"}, format="json")

    answer = await database_sync_to_async(post_through_rest)()

    event = await seller_tab.receive_json_from(timeout=TIMEOUT)
    assert answer.status_code == 201
    assert event == {"type": "message", "conversation_id": conversation.pk, "message": answer.json()}


async def test_read_receipts_reach_both_participants(tabs):
    conversation = await conversation_between()
    buyer_tab, seller_tab = await tabs.of(conversation.buyer), await tabs.of(conversation.seller)

    await seller_tab.send_json_to({"type": "read", "conversation_id": conversation.pk})

    for tab in (buyer_tab, seller_tab):
        receipt = await tab.receive_json_from(timeout=TIMEOUT)
        assert receipt["type"] == "read" and receipt["conversation_id"] == conversation.pk
        assert receipt["reader_id"] == conversation.seller_id and receipt["read_at"]
    unread = await database_sync_to_async(Message.objects.filter(conversation=conversation, read_at__isnull=True).count)()
    assert unread == 0


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
async def test_markup_arrives_as_the_same_text(tabs, payload):
    conversation = await conversation_between()
    seller_tab = await tabs.of(conversation.seller)

    await database_sync_to_async(services.message_send)(sender=conversation.buyer, conversation_id=conversation.pk, body=payload)

    assert (await seller_tab.receive_json_from(timeout=TIMEOUT))["message"]["body"] == payload


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ('{"type": "send", "conversation_id": 1', "bad_request"),
        ('["send"]', "bad_request"),
        ('{"type": "typing", "conversation_id": 1}', "unknown_type"),
        ('{"type": "send", "conversation_id": "1", "body": "x"}', "invalid"),
        ('{"type": "send", "conversation_id": true, "body": "x"}', "invalid"),
    ],
)
async def test_malformed_frames_get_an_error_and_the_socket_stays_open(tabs, frame, code):
    conversation = await conversation_between()
    tab = await tabs.of(conversation.buyer)

    await tab.send_to(text_data=frame)
    error = await tab.receive_json_from(timeout=TIMEOUT)
    await tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "still works"})

    assert (error["type"], error["code"]) == ("error", code)
    assert (await tab.receive_json_from(timeout=TIMEOUT))["message"]["body"] == "still works"


async def test_a_bad_body_is_refused_naming_body(tabs):
    conversation = await conversation_between()
    tab = await tabs.of(conversation.buyer)

    await tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "   "})

    error = await tab.receive_json_from(timeout=TIMEOUT)
    assert error["code"] == "invalid" and list(error["errors"]) == ["body"]
    assert error["detail"] == "Write a message (1 to 4000 characters)."


async def test_a_blocked_user_is_refused_over_the_socket(tabs):
    conversation = await conversation_between()
    await database_sync_to_async(services.user_block)(blocker=conversation.seller, conversation_id=conversation.pk)
    buyer_tab, seller_tab = await tabs.of(conversation.buyer), await tabs.of(conversation.seller)

    await buyer_tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "Hello?"})

    error = await buyer_tab.receive_json_from(timeout=TIMEOUT)
    assert (error["code"], error["detail"]) == ("blocked", "This user has blocked you: you can no longer send them messages.")
    assert await seller_tab.receive_nothing(timeout=0.5)


async def test_the_rate_limit_applies_over_the_socket(tabs):
    conversation = await conversation_between()  # the buyer's first message
    tab = await tabs.of(conversation.buyer)
    for number in range(19):
        await tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": f"n{number}"})
        assert (await tab.receive_json_from(timeout=TIMEOUT))["type"] == "message"

    await tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "too many"})

    error = await tab.receive_json_from(timeout=TIMEOUT)
    assert error["code"] == "rate_limited" and 1 <= error["retry_after"] <= 60


async def test_after_a_reconnect_the_client_catches_up_through_rest(tabs):
    conversation = await conversation_between()
    first_tab = await tabs.of(conversation.buyer)
    await first_tab.send_json_to({"type": "send", "conversation_id": conversation.pk, "body": "before the tunnel"})
    last_seen = (await first_tab.receive_json_from(timeout=TIMEOUT))["message"]["id"]
    await first_tab.disconnect()
    tabs.open.remove(first_tab)
    await database_sync_to_async(services.message_send)(
        sender=conversation.seller, conversation_id=conversation.pk, body="sent while you were offline"
    )

    reconnected = await tabs.of(conversation.buyer)

    def catch_up():
        api = APIClient()
        api.force_authenticate(conversation.buyer)
        return api.get(f"/api/v1/conversations/{conversation.pk}/messages", {"after": last_seen}).json()

    missed = await database_sync_to_async(catch_up)()
    assert [m["body"] for m in missed["results"]] == ["sent while you were offline"]
    assert await reconnected.receive_nothing(timeout=0.5)


ARABIC = re.compile("[\u0600-\u06ff]")
# One frame for each refusal the socket sends (the rate limit has its own test above).
REFUSED_FRAMES = [
    b"\x00binary",
    "not json",
    '["send"]',
    '{"type": "typing", "conversation_id": 1}',
    '{"type": "send", "conversation_id": "1", "body": "x"}',
    '{"type": "send", "conversation_id": 987654321, "body": "x"}',
    '{"type": "send", "conversation_id": %(id)s, "body": "   "}',
    '{"type": "read", "conversation_id": 987654321}',
]


async def refusals(tab: WebsocketCommunicator, conversation_id: int) -> list[dict]:
    answers = []
    for frame in REFUSED_FRAMES:
        if isinstance(frame, bytes):
            await tab.send_to(bytes_data=frame)
        else:
            await tab.send_to(text_data=frame % {"id": conversation_id} if "%(id)s" in frame else frame)
        answers.append(await tab.receive_json_from(timeout=TIMEOUT))
    return answers


async def test_every_refusal_speaks_arabic_to_an_arabic_speaker(tabs):
    conversation = await conversation_between()
    await database_sync_to_async(User.objects.filter(pk=conversation.buyer.pk).update)(preferred_language="ar")
    tab = await tabs.of(conversation.buyer, language=b"ar")

    answers = await refusals(tab, conversation.pk)

    assert all(answer["type"] == "error" for answer in answers)
    assert not [text for answer in answers for text in texts(answer) if ENGLISH.search(text)], answers
    assert all(ARABIC.search(answer["detail"]) for answer in answers), answers
    assert answers[6]["errors"] == {"body": ["اكتب رسالة (من 1 إلى 4000 حرف)."]}


async def test_the_account_language_wins_over_the_handshake_and_a_switch_applies_at_once(tabs):
    conversation = await conversation_between()  # both speak English on their accounts
    tab = await tabs.of(conversation.buyer, language=b"ar")

    await tab.send_to(text_data="not json")
    before = await tab.receive_json_from(timeout=TIMEOUT)
    # The app saves a language switch on the account (PATCH /api/v1/me) while the socket stays open.
    await database_sync_to_async(User.objects.filter(pk=conversation.buyer.pk).update)(preferred_language="ar")
    await tab.send_to(text_data="not json")
    after = await tab.receive_json_from(timeout=TIMEOUT)

    assert before["detail"] == "This frame is not valid JSON."
    assert ARABIC.search(after["detail"]) and not ENGLISH.search(after["detail"])


async def test_without_an_account_language_the_handshake_language_is_spoken(tabs):
    conversation = await conversation_between()
    await database_sync_to_async(User.objects.filter(pk=conversation.buyer.pk).update)(preferred_language="")
    tab = await tabs.of(conversation.buyer, language=b"ar-BH,ar;q=0.9,en;q=0.5")

    await tab.send_to(text_data='{"type": "typing"}')

    error = await tab.receive_json_from(timeout=TIMEOUT)
    assert error["code"] == "unknown_type" and ARABIC.search(error["detail"])
