"""Celery's broker transport: kombu's Redis transport, with one defect mended.

On a lost broker connection, celery 5.7's consumer first `collect()`s the
connection (which detaches the transport from it: `transport.client = None`)
and then `close()`s it again. When the first close was cut short while the
channel was polling (BRPOP in flight), the second one tries to restore the
worker's unacknowledged messages, builds a new Redis pool from
`transport.client.hostname` and dies with an AttributeError that no one
catches: "Unrecoverable error ... 'NoneType' object has no attribute
'hostname'" and the worker exits (docs/decisions/index-sync.md, "Broker
outages"). A detached transport here raises a connection error instead,
which the consumer expects and ignores before it reconnects. The messages
stay in Redis's unacked set and kombu restores them after their visibility
timeout; the outbox sweep does not wait for them anyway.
"""

from typing import Any

import redis.exceptions
from kombu.transport import redis as kombu_redis


class Channel(kombu_redis.Channel):
    def _connparams(self, asynchronous: bool = False) -> Any:
        if self.connection.client is None:
            raise redis.exceptions.ConnectionError("the broker connection was already closed")
        return super()._connparams(asynchronous=asynchronous)


class Transport(kombu_redis.Transport):
    Channel = Channel
