"""`make bench` arm "chat": the chat socket under load (docs/decisions/messaging.md).

A burst of sockets (40 buyers × 10 tabs) opened at once against two web
processes, then sellers answering over REST at a steady rate; every message
must reach each of its buyer's tabs once. Figures: the burst (time, sockets
told to retry with 1013), send → push latency beside the REST send's own
latency (the baseline), lost and duplicated deliveries.
"""

import asyncio
import json
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import requests
import websockets
from django.db import connection
from django.test import Client

from core.accounts.models import User
from core.accounts.tokens import access_token_issue
from core.listings.models import Listing
from core.messaging.services import conversation_start
from scripts.bench.figures import summary
from scripts.processes import WebProcess
from web.consumers.chat import CLOSE_TRY_AGAIN_LATER

if TYPE_CHECKING:
    from scripts.bench.context import Bench

BUYERS = 40
TABS = 10
RATE = 15.0  # messages a second, over REST
MESSAGES = 300
SETTLE_SECONDS = 10  # how long a push may take before it counts as lost


def _people(run: str) -> list[tuple[int, str, str]]:
    """(conversation id, buyer's session cookie, seller's token) per buyer."""
    listings = list(Listing.objects.filter(status="active").order_by("pk").values_list("pk", "seller_id")[:BUYERS])
    people = []
    for n, (listing_id, seller_id) in enumerate(listings):
        buyer = User.objects.create_user(f"bench-chat-{run}-{n}@example.com", display_name=f"Buyer {n}")
        conversation, _, _ = conversation_start(buyer=buyer, listing_id=listing_id, body="Is it still available?")
        browser = Client()
        browser.force_login(buyer)
        _token, key = access_token_issue(user=User.objects.get(pk=seller_id), name="bench")
        people.append((conversation.pk, browser.cookies["sessionid"].value, key))
    connection.close()
    return people


async def _open(url: str, headers: dict[str, str], retries: list[int], handshakes: list[float]) -> websockets.ClientConnection:
    """A socket the server kept (a refusal, 1013, comes right after the handshake: retried)."""
    for attempt in range(10):
        began = time.perf_counter()
        socket = await websockets.connect(url, additional_headers=headers, open_timeout=60, max_queue=None)
        handshake_ms = (time.perf_counter() - began) * 1000
        try:
            await asyncio.wait_for(socket.recv(), timeout=1)
        except TimeoutError:
            handshakes.append(handshake_ms)
            return socket
        except websockets.ConnectionClosed as closed:
            if closed.rcvd is None or closed.rcvd.code != CLOSE_TRY_AGAIN_LATER:
                raise
            retries.append(1)
            await asyncio.sleep(0.5 * 2**attempt)
    raise RuntimeError("a socket was still told to retry after 10 tries")


async def _load(web: WebProcess, people: list[tuple[int, str, str]]) -> dict:
    url = f"ws://127.0.0.1:{web.port}/ws/chat/"
    retries: list[int] = []
    burst: list[float] = []
    tabs = await asyncio.gather(
        *(
            _open(url, {"Cookie": f"sessionid={cookie}", "Origin": web.url}, retries, burst)
            for _, cookie, _ in people
            for _ in range(TABS)
        )
    )
    one: list[float] = []
    for _ in range(20):  # baseline: one socket alone
        await (await _open(url, {"Cookie": f"sessionid={people[0][1]}", "Origin": web.url}, retries, one)).close()

    received: dict[int, list[float]] = defaultdict(list)  # message id → receipt times, one per tab

    async def listen(socket: websockets.ClientConnection) -> None:
        async for frame in socket:
            event = json.loads(frame)
            if event.get("type") == "message":
                received[event["message"]["id"]].append(time.perf_counter())

    listeners = [asyncio.create_task(listen(tab)) for tab in tabs]
    sent: dict[int, float] = {}
    send_ms: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    local = threading.local()

    def send(n: int) -> None:
        conversation_id, _, token = people[n % len(people)]
        http = getattr(local, "http", None) or requests.Session()
        local.http = http
        began = time.perf_counter()
        answer = http.post(
            f"{web.url}/api/v1/conversations/{conversation_id}/messages",
            json={"body": f"Yes, come at {n}"},
            headers={"Authorization": f"Token {token}"},
            timeout=30,
        )
        with lock:
            if answer.status_code == 201:
                sent[answer.json()["id"]] = began
                send_ms.append((time.perf_counter() - began) * 1000)
            else:
                errors.append(f"{answer.status_code} {answer.text[:100]}")

    start = time.perf_counter()
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = []
        for n in range(MESSAGES):
            await asyncio.sleep(max(0.0, start + n / RATE - time.perf_counter()))
            futures.append(loop.run_in_executor(pool, send, n))
        await asyncio.gather(*futures)
    await asyncio.sleep(SETTLE_SECONDS)
    for listener in listeners:
        listener.cancel()
    await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)

    latencies = [(at - sent[message_id]) * 1000 for message_id, times in received.items() if message_id in sent for at in times]
    expected = len(sent) * TABS
    delivered = {message_id: len(times) for message_id, times in received.items() if message_id in sent}
    return {
        "sockets": len(tabs),
        "handshake_ms_in_the_burst": _summary(burst),
        "handshake_ms_alone (baseline)": _summary(one),
        "told_to_retry_1013": len(retries),
        "messages_sent": len(sent),
        "send_errors": len(errors),
        "send_error_examples": errors[:5],
        "rest_send_ms (baseline)": _summary(send_ms),
        "send_to_push_ms": _summary(latencies),
        "deliveries_expected": expected,
        "lost": sum(max(0, TABS - delivered.get(message_id, 0)) for message_id in sent),
        "duplicates": sum(max(0, count - TABS) for count in delivered.values()),
        "target": "all sockets open, 0 lost, 0 duplicates, push p95 within 100 ms of the REST send's",
    }


def _summary(samples: list[float]) -> dict:
    return summary(samples) if samples else {"n": 0}


def bench_chat(env: dict[str, str], logs: Path) -> dict:
    run = uuid.uuid4().hex[:8]
    people = _people(run)
    # No send limits for the load; two web processes, as production runs on two cores.
    env = {**env, "MESSAGING_SENDS_PER_MINUTE": "1000000", "MESSAGING_SENDS_PER_DAY": "1000000"}
    web = WebProcess(env, logs, name="chat-web", workers=2).start()
    try:
        return asyncio.run(_load(web, people))
    finally:
        web.stop()


def run(bench: "Bench") -> dict:
    return bench_chat(bench.env, bench.logs)
