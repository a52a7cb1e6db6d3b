"""The chat socket under load, on a real server (uvicorn) and Redis: a burst
of handshakes is accepted (or told to retry with 1013, never refused like a
signed-out user), a burst of closes leaves no group membership behind, and a
socket that stays idle still receives its next push."""

import asyncio
import json
import os

import pytest
import redis
import websockets
from django.conf import settings

from core.messaging.realtime import user_group
from scripts.processes import RedisProcess, WebProcess
from testing.accounts import UserFactory, token_for
from testing.browser import Browser
from testing.messaging import start_conversation
from testing.processes import wait_until, worker_env
from web.consumers.chat import CLOSE_TRY_AGAIN_LATER

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.faults]

TIMEOUT = 30


class ChatClient:
    """Opens sockets as one signed-in user, as the web app does: session cookie,
    same origin, and a retry with back-off when told 1013."""

    def __init__(self, web: WebProcess, user) -> None:  # type: ignore[no-untyped-def]
        browser = Browser(web.url)
        browser.sign_in(user.email)
        self.url = f"ws://127.0.0.1:{web.port}/ws/chat/"
        self.headers = {"Cookie": f"sessionid={browser.session.cookies['sessionid']}", "Origin": web.url}
        self.told_to_retry = 0

    async def open(self) -> websockets.ClientConnection:
        for attempt in range(8):
            socket = await websockets.connect(self.url, additional_headers=self.headers, open_timeout=TIMEOUT)
            try:
                await asyncio.wait_for(socket.recv(), timeout=1)  # a refusal comes right after the handshake
            except TimeoutError:
                return socket  # open and quiet: accepted
            except websockets.ConnectionClosed as closed:
                assert closed.rcvd is not None and closed.rcvd.code == CLOSE_TRY_AGAIN_LATER, closed
                self.told_to_retry += 1
                await asyncio.sleep(0.2 * 2**attempt)
            else:
                raise AssertionError("a frame before anything was sent")
        raise AssertionError("still told to retry after 8 tries")


def members(user_id: int) -> int:
    key = f"{settings.SAYARA_INSTANCE}:channels:group:{user_group(user_id)}"
    return redis.Redis.from_url(settings.REDIS_URL).zcard(key)


def burst(web: WebProcess, count: int) -> ChatClient:
    user = UserFactory()
    client = ChatClient(web, user)

    async def run() -> None:
        sockets = await asyncio.gather(*(client.open() for _ in range(count)))
        assert members(user.pk) == count
        await asyncio.gather(*(socket.close() for socket in sockets))

    asyncio.run(run())
    wait_until(lambda: members(user.pk) == 0, timeout=TIMEOUT, message="no group membership left behind by the closes")
    return client


def test_a_burst_of_400_sockets_is_accepted_and_leaves_no_membership(tmp_path):
    web = WebProcess(worker_env(), tmp_path).start()
    try:
        burst(web, 400)
    finally:
        web.stop()


def test_sockets_told_to_retry_while_redis_is_down_get_in_once_it_is_back(tmp_path):
    redis_server = RedisProcess(tmp_path).start()
    web = WebProcess(worker_env(REDIS_URL=redis_server.url), tmp_path).start()
    try:
        user = UserFactory()
        client = ChatClient(web, user)  # signs in while Redis is up (sessions live in PostgreSQL)
        redis_server.stop()

        async def run() -> None:
            pending = [asyncio.create_task(client.open()) for _ in range(5)]
            await asyncio.sleep(2)  # every socket told 1013 at least once, and backing off
            assert client.told_to_retry >= 5
            redis_server.start()
            sockets = await asyncio.gather(*pending)
            await asyncio.gather(*(socket.close() for socket in sockets))

        asyncio.run(run())
    finally:
        web.stop()
        redis_server.stop()


# By hand, the long case with the real timeouts (5 s reads): CHAT_IDLE_SECONDS=600
# .venv/bin/pytest -o timeout=900 web/tests/messaging/test_chat_load.py -k idle
IDLE_SECONDS = float(os.environ.get("CHAT_IDLE_SECONDS", "0"))


def test_an_idle_socket_still_receives_its_next_push(tmp_path):
    # Blocking reads of 1 s instead of 5: the idle loop turns over five times in the wait below.
    env = worker_env() if IDLE_SECONDS else worker_env(CHANNELS_BLOCKING_READ_SECONDS="1")
    web = WebProcess(env, tmp_path).start()
    try:
        conversation = start_conversation(body="Is it still available?")
        buyer = ChatClient(web, conversation.buyer)
        seller = Browser(web.url, token=token_for(conversation.seller))

        async def run() -> dict:
            socket = await buyer.open()
            await asyncio.sleep(IDLE_SECONDS or 5)
            answer = await asyncio.to_thread(
                seller.post, f"/api/v1/conversations/{conversation.pk}/messages", {"body": "Yes, come today"}
            )
            assert answer.status_code == 201, answer.text
            event = json.loads(await asyncio.wait_for(socket.recv(), timeout=TIMEOUT))
            await socket.close()
            return event

        event = asyncio.run(run())
        assert (event["type"], event["message"]["body"]) == ("message", "Yes, come today")
        assert "Timeout reading" not in web.log.read_text()
    finally:
        web.stop()
