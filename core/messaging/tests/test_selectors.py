import pytest

from core.messaging import selectors, services
from core.messaging.models import Conversation
from testing.accounts import UserFactory
from testing.messaging import start_conversation

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_newest_activity_first_with_unread_counts():
    seller = UserFactory()
    older = start_conversation(seller=seller)
    newer = start_conversation(seller=seller)
    services.message_send(sender=older.buyer, conversation_id=older.pk, body="bump")

    inbox = list(selectors.conversation_list_for_user(user=seller))

    assert [c.pk for c in inbox] == [older.pk, newer.pk]
    assert [c.unread_count for c in inbox] == [2, 1]
    assert inbox[0].last_message.body == "bump"


def test_the_inbox_holds_only_the_users_conversations():
    mine = start_conversation()
    start_conversation()

    assert [c.pk for c in selectors.conversation_list_for_user(user=mine.buyer)] == [mine.pk]
    assert list(selectors.conversation_list_for_user(user=UserFactory())) == []


def test_a_stranger_gets_does_not_exist():
    conversation = start_conversation()

    with pytest.raises(Conversation.DoesNotExist):
        selectors.conversation_get_for_participant(conversation_id=conversation.pk, user=UserFactory())


def test_block_flags_are_seen_from_each_side():
    conversation = start_conversation()
    services.user_block(blocker=conversation.buyer, conversation_id=conversation.pk)

    as_buyer = selectors.conversation_get_for_participant(conversation_id=conversation.pk, user=conversation.buyer)
    as_seller = selectors.conversation_get_for_participant(conversation_id=conversation.pk, user=conversation.seller)

    assert (as_buyer.blocked_by_me, as_buyer.blocked_me) == (True, False)
    assert (as_seller.blocked_by_me, as_seller.blocked_me) == (False, True)


def test_messages_page_backwards_and_catch_up_forwards():
    conversation = start_conversation(body="m0")
    sent = [services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body=f"m{n}") for n in range(1, 5)]

    assert [m.body for m in selectors.message_list(conversation=conversation)] == ["m4", "m3", "m2", "m1", "m0"]
    assert [m.body for m in selectors.message_list(conversation=conversation, before=sent[1].pk)] == ["m1", "m0"]
    # After a cursor, oldest first: a client moving its cursor to the last id never skips one.
    assert [m.body for m in selectors.message_list(conversation=conversation, after=sent[1].pk)] == ["m3", "m4"]


def test_unread_totals_count_messages_and_conversations():
    buyer = UserFactory()
    first, second = start_conversation(buyer=buyer), start_conversation(buyer=buyer)
    for conversation, replies in ((first, 2), (second, 1)):
        for _ in range(replies):
            services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body="reply")

    assert selectors.unread_totals(user=buyer) == {"unread_count": 3, "conversations_with_unread": 2}
    services.conversation_mark_read(reader=buyer, conversation_id=first.pk)
    assert selectors.unread_totals(user=buyer) == {"unread_count": 1, "conversations_with_unread": 1}
