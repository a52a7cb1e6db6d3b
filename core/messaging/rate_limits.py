"""Per-user limits on sending, counted in Redis through the Django cache.

Each window starts at a user's first message in it and lasts its full length
(no reset at the top of the minute that would allow a burst of twice the
limit). When Redis is down the limit is not enforced: a message is worth
more than a perfect count (logged as messaging.rate_limit_unavailable).
"""

import logging
import math
import time

import redis.exceptions
from django.conf import settings
from django.core.cache import cache

from core.messaging.exceptions import SendRateLimited

logger = logging.getLogger(__name__)


def send_windows() -> tuple[tuple[str, int, int], ...]:
    """(name, seconds, limit) of every window, from settings."""
    return (
        ("minute", 60, settings.MESSAGING_SENDS_PER_MINUTE),
        ("day", 24 * 60 * 60, settings.MESSAGING_SENDS_PER_DAY),
    )


def _count(*, key: str, seconds: int, now: float) -> tuple[int, float]:
    """Add one to the window `key` (opened now if none is open); (count, window start)."""
    cache.add(key, now, timeout=seconds)
    start = cache.get(key)
    if start is None:  # the window closed between the two calls: open a new one
        start = now
        cache.set(key, now, timeout=seconds)
    count_key = f"{key}:{int(start * 1000)}"
    cache.add(count_key, 0, timeout=seconds)
    try:
        return cache.incr(count_key), start
    except ValueError:  # expired between add and incr
        cache.set(count_key, 1, timeout=seconds)
        return 1, start


def send_rate_check(*, user_id: int) -> None:
    """Count one message for `user_id`; raise SendRateLimited when over a limit."""
    now = time.time()
    try:
        for name, seconds, limit in send_windows():
            count, start = _count(key=f"messaging:sends:{user_id}:{name}", seconds=seconds, now=now)
            if count > limit:
                retry_after = max(1, math.ceil(start + seconds - now))
                logger.info("messaging.rate_limited", extra={"user_id": user_id, "window": name, "retry_after": retry_after})
                raise SendRateLimited(retry_after=retry_after)
    except (redis.exceptions.RedisError, OSError) as exc:
        logger.warning("messaging.rate_limit_unavailable", extra={"user_id": user_id, "error": str(exc)})
