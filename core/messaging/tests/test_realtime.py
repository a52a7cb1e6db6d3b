import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from core.messaging import realtime


@pytest.fixture
def user_id() -> int:
    return uuid.uuid4().int % 10**12  # a group no other test listens to


def listen(user_id: int) -> str:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(realtime.user_group(user_id), channel)
    return channel


def test_publish_reaches_every_socket_of_the_user_through_redis(user_id, monkeypatch):
    monkeypatch.setattr(realtime, "_down_until", 0.0)
    tabs = [listen(user_id), listen(user_id)]

    realtime.publish(user_ids=[user_id], payload={"type": "read", "conversation_id": 1})

    layer = get_channel_layer()
    for tab in tabs:
        assert async_to_sync(layer.receive)(tab) == {"type": "chat.event", "payload": {"type": "read", "conversation_id": 1}}


def test_publish_never_raises_when_redis_is_down_and_backs_off(settings, monkeypatch):
    monkeypatch.setattr(realtime, "_down_until", 0.0)
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:6397/0"]}}
    }

    realtime.publish(user_ids=[1, 2], payload={"type": "message"})

    assert realtime._down_until > 0
