"""A Redis list between a request and PostgreSQL: recording an event costs one
LPUSH on the request path; a beat task drains the list in batches
(core/events/services.py, events_drain).

The list is capped (LTRIM): if nothing drains it, the oldest events go first
and Redis never fills up. With Redis down an event is dropped with a warning;
a request never fails or waits because of analytics.
"""

import json
import logging
import time
from functools import cache
from typing import Any, cast

import redis
from django.conf import settings
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A request waits at most this long for Redis (connect and answer): only the
# first request after Redis stalls pays it, then the backoff skips Redis.
PUSH_TIMEOUT_SECONDS = 0.5
# After Redis failed, pushes are skipped (events dropped) for this long, so a
# dead or stalled Redis costs requests nothing.
BACKOFF_SECONDS = 2.0
# The drain runs in a worker: it may wait longer than a request.
DRAIN_TIMEOUT_SECONDS = 5.0
_down_until: dict[str, float] = {}


def buffer_key() -> str:
    return settings.EVENTS_BUFFER_KEY


@cache
def _client(url: str, timeout: float) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)


def buffer_push(
    event: dict[str, Any],
    *,
    once: str | None = None,
    after: str | None = None,
    cap: tuple[str, int] | None = None,
    ttl: int = 0,
) -> bool:
    """Add an event to the buffer; False when it had to be dropped (with a warning) or did not count.

    With `once`, only the first push under that key within `ttl` seconds counts;
    with `after`, only when a push under that `once` key came first; with
    `cap` (key, limit), at most `limit` of those first pushes under that key.
    """
    url = settings.REDIS_URL
    if time.monotonic() < _down_until.get(url, 0.0):
        logger.warning("events.dropped", extra={"kind": event.get("kind"), "reason": "redis_backoff"})
        return False
    key = buffer_key()
    try:
        client = _client(url, PUSH_TIMEOUT_SECONDS)
        if after is not None and not client.exists(f"{key}:seen:{after}"):
            return False
        if once is not None and not client.set(f"{key}:seen:{once}", 1, nx=True, ex=max(1, ttl)):
            return False
        if cap is not None:
            counter = f"{key}:cap:{cap[0]}"
            counting = client.pipeline(transaction=False)
            counting.incr(counter)
            counting.expire(counter, max(1, ttl))
            counted = counting.execute()[0]
            if counted > cap[1]:
                return False
        pipe = client.pipeline(transaction=False)
        pipe.lpush(key, json.dumps(event, separators=(",", ":"), ensure_ascii=False))
        pipe.ltrim(key, 0, settings.EVENTS_BUFFER_MAX - 1)
        pipe.execute()
    except (RedisError, OSError) as exc:
        _down_until[url] = time.monotonic() + BACKOFF_SECONDS
        logger.warning("events.dropped", extra={"kind": event.get("kind"), "reason": "redis_error", "error": str(exc)})
        return False
    return True


def buffer_pop(count: int) -> list[dict[str, Any]]:
    """Take up to `count` of the oldest events off the buffer (raises RedisError)."""
    raw = cast(list[bytes], _client(settings.REDIS_URL, DRAIN_TIMEOUT_SECONDS).rpop(buffer_key(), count) or [])
    events = []
    for item in raw:
        try:
            event = json.loads(item)
        except ValueError:
            logger.warning("events.unreadable", extra={"size": len(item)})
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


def buffer_return(events: list[dict[str, Any]]) -> None:
    """Put events taken with buffer_pop back at the oldest end, in their order."""
    if events:
        payload = [json.dumps(event, separators=(",", ":"), ensure_ascii=False) for event in reversed(events)]
        _client(settings.REDIS_URL, DRAIN_TIMEOUT_SECONDS).rpush(buffer_key(), *payload)


def buffer_length() -> int:
    return int(_client(settings.REDIS_URL, DRAIN_TIMEOUT_SECONDS).llen(buffer_key()))  # type: ignore[arg-type]
