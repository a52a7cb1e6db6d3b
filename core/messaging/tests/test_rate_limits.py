import pytest
from django.test import override_settings

from core.messaging import services
from core.messaging.exceptions import SendRateLimited
from core.messaging.rate_limits import send_rate_check
from testing.messaging import start_conversation

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens here: Redis is "down" for this test only.
        "LOCATION": "redis://127.0.0.1:6397/0",
        "KEY_PREFIX": "test_dead",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_the_21st_message_in_a_minute_is_refused_with_a_wait():
    conversation = start_conversation()  # the first message
    for number in range(2, 21):
        services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body=f"message {number}")

    with pytest.raises(SendRateLimited) as limited:
        services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="one too many")

    assert 1 <= limited.value.retry_after <= 60
    assert "too quickly" in limited.value.message
    assert conversation.messages.filter(sender=conversation.buyer).count() == 20


def test_limits_are_per_user():
    conversation = start_conversation()
    with pytest.raises(SendRateLimited):  # the buyer uses up their minute
        for _ in range(20):
            send_rate_check(user_id=conversation.buyer_id)

    message = services.message_send(sender=conversation.seller, conversation_id=conversation.pk, body="Still here")

    assert message.pk


@override_settings(MESSAGING_SENDS_PER_MINUTE=100, MESSAGING_SENDS_PER_DAY=3)
def test_the_daily_limit_holds_the_rest_of_the_day():
    conversation = start_conversation()
    services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="two")
    services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="three")

    with pytest.raises(SendRateLimited) as limited:
        services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body="four")

    assert 60 < limited.value.retry_after <= 24 * 60 * 60


def test_with_redis_down_messages_still_go_through():
    conversation = start_conversation()

    with override_settings(CACHES=DEAD_REDIS):
        for number in range(25):
            services.message_send(sender=conversation.buyer, conversation_id=conversation.pk, body=f"offline {number}")

    assert conversation.messages.count() == 26
