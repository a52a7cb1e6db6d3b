"""Conversations made the way buyers make them: through the services."""

from typing import Any

import redis
from django.conf import settings

from core.accounts.models import User
from core.listings.models import Listing
from core.messaging.models import Conversation
from core.messaging.services import conversation_start
from testing.accounts import UserFactory
from testing.listings import make_listing

XSS_PAYLOADS = ("<script>alert('x')</script>", '<img src=x onerror="alert(1)">')


def start_conversation(
    *, buyer: User | None = None, seller: User | None = None, listing: Listing | None = None, body: Any = "Is it still available?"
) -> Conversation:
    listing = listing or make_listing(seller=seller or UserFactory())
    conversation, _, _ = conversation_start(buyer=buyer or UserFactory(), listing_id=listing.pk, body=body)
    return conversation


def reset_send_limits() -> None:
    """Forget this test instance's sending counters: a recreated test database
    hands out user ids again, and an old counter must not limit a new user."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    pattern = f"{settings.CACHES['default']['KEY_PREFIX']}:*:messaging:sends:*"
    keys = list(client.scan_iter(match=pattern, count=1000))
    if keys:
        client.delete(*keys)
    client.close()
