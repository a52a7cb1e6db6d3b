"""The channel layer of the chat (web/consumers/chat.py): channels_redis, with
its Redis pool and timeouts chosen rather than defaulted
(docs/decisions/messaging.md, "Under load").

- channels_redis builds a plain pool, so redis-py's limit of 100 connections
  applies and the 101st concurrent command fails at once ("Too many
  connections"): a burst of handshakes or closes was refused. Here the pool
  is sized (CHANNELS_REDIS_MAX_CONNECTIONS per event loop) and a command
  waits for a free connection (up to CHANNELS_REDIS_POOL_TIMEOUT seconds)
  instead of failing; only then is the socket told to retry (close 1013).
- Each process listens with one blocking read (BZPOPMIN) of
  CHANNELS_BLOCKING_READ_SECONDS. redis-py's default socket timeout (5 s)
  equalled channels_redis's blocking read (5 s), so an idle read timed out
  client-side first and the consumer died ("Timeout reading from ...").
  Here reads have no client-side timeout: the server ends each blocking read
  itself, and TCP keepalive finds a Redis that vanished within about 25 s.
  (A client-side timeout longer than the read is no better: redis-py's
  timeout wrapper then swallows the cancellation of a closing consumer's
  read, which loops on until the timeout fires.)
"""

import socket
from typing import Any

from channels_redis.core import RedisChannelLayer
from redis import asyncio as aioredis

# Probe an idle connection after 10 s, every 5 s, give up after 3 silent probes.
KEEPALIVE = {socket.TCP_KEEPIDLE: 10, socket.TCP_KEEPINTVL: 5, socket.TCP_KEEPCNT: 3}


class ChatChannelLayer(RedisChannelLayer):
    def __init__(
        self, *, max_connections: int, pool_timeout: float, blocking_read_seconds: float, connect_timeout: float, **config: Any
    ) -> None:
        super().__init__(**config)
        self.max_connections, self.pool_timeout, self.connect_timeout = max_connections, pool_timeout, connect_timeout
        self.brpop_timeout = blocking_read_seconds  # type: ignore[assignment]

    def create_pool(self, index: int) -> aioredis.BlockingConnectionPool:
        return aioredis.BlockingConnectionPool.from_url(
            self.hosts[index]["address"],
            max_connections=self.max_connections,
            timeout=self.pool_timeout,
            socket_timeout=None,
            socket_connect_timeout=self.connect_timeout,
            socket_keepalive=True,
            socket_keepalive_options=KEEPALIVE,
        )
