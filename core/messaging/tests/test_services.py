import pytest
from django.core.exceptions import ValidationError

from core.listings.services import listing_mark_sold
from core.messaging import services
from core.messaging.exceptions import MessagingForbidden
from core.messaging.models import Conversation, ConversationReport, Message, ReportStatus, UserBlock
from testing.accounts import UserFactory
from testing.listings import make_listing
from testing.messaging import XSS_PAYLOADS, start_conversation

pytestmark = pytest.mark.django_db


def test_a_buyer_starts_a_conversation_with_the_seller():
    seller, buyer = UserFactory(), UserFactory()
    listing = make_listing(seller=seller)

    conversation, message, created = services.conversation_start(buyer=buyer, listing_id=listing.pk, body="  Still for sale?  ")

    assert created is True
    assert (conversation.listing_id, conversation.buyer_id, conversation.seller_id) == (listing.pk, buyer.pk, seller.pk)
    assert (message.sender_id, message.recipient_id, message.body) == (buyer.pk, seller.pk, "Still for sale?")
    conversation.refresh_from_db()
    assert conversation.last_message_id == message.pk and conversation.last_message_at == message.created_at


def test_starting_again_reuses_the_conversation_and_adds_the_message():
    buyer = UserFactory()
    first = start_conversation(buyer=buyer)

    again, _, created = services.conversation_start(buyer=buyer, listing_id=first.listing_id, body="Any news?")

    assert created is False and again.pk == first.pk
    assert list(Message.objects.filter(conversation=first).values_list("body", flat=True)) == [
        "Any news?",
        "Is it still available?",
    ]


def test_a_seller_cannot_start_a_conversation_on_their_own_listing():
    seller = UserFactory()
    listing = make_listing(seller=seller)

    with pytest.raises(ValidationError) as refused:
        services.conversation_start(buyer=seller, listing_id=listing.pk, body="hello me")

    assert "own listing" in refused.value.message_dict["listing_id"][0]
    assert not Conversation.objects.filter(listing=listing).exists()


@pytest.mark.parametrize("status", ["sold", "draft", "missing"])
def test_only_active_listings_open_a_conversation(status):
    listing = make_listing(publish=status != "draft")
    if status == "sold":
        listing_mark_sold(listing_id=listing.pk)
    listing_id = listing.pk + 10_000_000 if status == "missing" else listing.pk

    with pytest.raises(ValidationError) as refused:
        services.conversation_start(buyer=UserFactory(), listing_id=listing_id, body="Hi")

    assert "not open for messages" in refused.value.message_dict["listing_id"][0]


def test_an_existing_conversation_continues_after_the_car_is_sold():
    conversation = start_conversation()
    listing_mark_sold(listing_id=conversation.listing_id)

    message = services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Sorry, it is sold.")

    assert message.recipient_id == conversation.buyer_id


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write a message"),
        ("   \n\t ", "Write a message"),
        ("x" * 4001, "at most 4000 characters"),
        (None, "as text"),
        (42, "as text"),
        ("nul \x00 byte", "cannot be sent"),
    ],
)
def test_a_body_must_be_1_to_4000_characters_of_text(body, error):
    conversation = start_conversation()

    with pytest.raises(ValidationError) as refused:
        services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body=body)

    assert error in refused.value.message_dict["body"][0]
    assert conversation.messages.count() == 1


def test_a_body_of_exactly_4000_characters_after_trimming_is_accepted():
    conversation = start_conversation()

    message = services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body=" " + "ب" * 4000 + "\n")

    assert message.body == "ب" * 4000


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_is_stored_exactly_as_written(payload):
    conversation = start_conversation()

    message = services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body=payload)

    message.refresh_from_db()
    assert message.body == payload


def test_only_participants_send():
    conversation = start_conversation()

    with pytest.raises(Conversation.DoesNotExist):
        services.message_send(sender=UserFactory(), conversation_id=conversation.pk, body="let me in")

    assert conversation.messages.count() == 1


def test_contact_details_go_through_with_warnings():
    conversation = start_conversation()

    message = services.message_send(
        sender=conversation.seller, conversation_id=conversation.pk, body="Call me on +973 3312 3456 or see www.example.com"
    )

    assert message.warnings == ["phone_number", "link"]


def test_a_blocked_user_cannot_send_to_the_blocker():
    conversation = start_conversation()
    services.user_block(blocker=conversation.seller, conversation_id=conversation.pk)

    with pytest.raises(MessagingForbidden) as refused:
        services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="Hello?")

    assert refused.value.code == "blocked" and "blocked you" in refused.value.message
    with pytest.raises(MessagingForbidden) as own_block:
        services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body="one more thing")
    assert own_block.value.code == "you_blocked"
    assert conversation.messages.count() == 1


def test_a_block_covers_the_sellers_other_listings_too():
    seller, buyer = UserFactory(), UserFactory()
    conversation = start_conversation(buyer=buyer, seller=seller)
    services.user_block(blocker=seller, conversation_id=conversation.pk)
    other_listing = make_listing(seller=seller)

    with pytest.raises(MessagingForbidden):
        services.conversation_start(buyer=buyer, listing_id=other_listing.pk, body="What about this one?")

    assert not Conversation.objects.filter(listing=other_listing).exists()


def test_blocking_twice_is_one_block_and_unblocking_lets_messages_through():
    conversation = start_conversation()
    services.user_block(blocker=conversation.seller, conversation_id=conversation.pk)
    services.user_block(blocker=conversation.seller, conversation_id=conversation.pk)
    assert UserBlock.objects.filter(blocker=conversation.seller, blocked=conversation.buyer).count() == 1

    services.user_unblock(blocker=conversation.seller, conversation_id=conversation.pk)

    message = services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="Thanks")
    assert message.pk


def test_strangers_cannot_block():
    conversation = start_conversation()

    with pytest.raises(Conversation.DoesNotExist):
        services.user_block(blocker=UserFactory(), conversation_id=conversation.pk)


def test_marking_read_marks_only_what_the_reader_received():
    conversation = start_conversation()
    reply = services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Yes")

    assert services.conversation_mark_read(reader=conversation.buyer, conversation_id=conversation.pk) == 1

    reply.refresh_from_db()
    assert reply.read_at is not None
    assert conversation.messages.get(sender=conversation.buyer).read_at is None
    assert services.conversation_mark_read(reader=conversation.buyer, conversation_id=conversation.pk) == 0


def test_a_report_joins_the_moderation_queue_once_while_open():
    conversation = start_conversation()

    report, created = services.conversation_report(reporter=conversation.seller, conversation_id=conversation.pk, reason=" Scam ")
    again, created_again = services.conversation_report(reporter=conversation.seller, conversation_id=conversation.pk, reason="x")

    assert created and not created_again and again.pk == report.pk
    assert (report.reason, report.status) == ("Scam", ReportStatus.OPEN)


def test_a_report_needs_a_reason():
    conversation = start_conversation()

    with pytest.raises(ValidationError) as refused:
        services.conversation_report(reporter=conversation.buyer, conversation_id=conversation.pk, reason="  ")

    assert refused.value.message_dict["reason"] == ["Tell the moderators what is wrong."]


def test_moderators_close_reports_and_a_new_report_can_follow():
    conversation = start_conversation()
    moderator = UserFactory(is_staff=True)
    report, _ = services.conversation_report(reporter=conversation.buyer, conversation_id=conversation.pk, reason="Rude")

    assert services.report_close(report_ids=[report.pk], moderator=moderator, status=ReportStatus.DISMISSED) == 1

    report.refresh_from_db()
    assert (report.status, report.resolved_by_id) == (ReportStatus.DISMISSED, moderator.pk) and report.resolved_at
    _, created = services.conversation_report(reporter=conversation.buyer, conversation_id=conversation.pk, reason="Again")
    assert created and ConversationReport.objects.filter(conversation=conversation).count() == 2
