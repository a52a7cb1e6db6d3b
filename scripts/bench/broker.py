"""`make bench` arm "broker": what a dead Redis costs a seller's edit
(docs/decisions/index-sync.md, "Broker outages").

Two web processes on a private Redis; four sellers' threads edit prices over
HTTP, first with Redis up (the baseline), then with Redis stopped (its port
refuses). Each edit asks for the relay after its commit; that request must
never hold the answer up.
"""

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import requests
from django.db import connection

from core.accounts.models import User
from core.accounts.tokens import access_token_issue
from core.listings.models import Listing
from scripts.bench.figures import summary
from scripts.processes import RedisProcess, WebProcess

if TYPE_CHECKING:
    from scripts.bench.context import Bench

WRITERS = 4
EDITS = 200  # per phase, all writers together


def _edits(web: WebProcess, token: str, ids: list[int], phase: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def writer(mine: list[int]) -> None:
        nonlocal errors
        http = requests.Session()
        http.headers["Authorization"] = f"Token {token}"
        for n in range(EDITS // WRITERS):
            began = time.perf_counter()
            answer = http.patch(f"{web.url}/api/v1/listings/{mine[n % len(mine)]}", json={"price": f"{phase}{n:04d}"}, timeout=30)
            with lock:
                latencies.append((time.perf_counter() - began) * 1000)
                errors += answer.status_code != 200

    threads = [threading.Thread(target=writer, args=(ids[n::WRITERS],)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def bench_broker_outage(env: dict[str, str], logs: Path) -> dict:
    # One seller's active listings (the edits are the seller's own).
    seller_id = Listing.objects.filter(status="active").values("seller_id").order_by("seller_id").first()["seller_id"]  # type: ignore[index]
    ids = list(Listing.objects.filter(seller_id=seller_id, status="active").values_list("pk", flat=True)[:20])
    _token, token = access_token_issue(user=User.objects.get(pk=seller_id), name="bench")
    connection.close()
    redis = RedisProcess(logs).start()
    web = WebProcess({**env, "REDIS_URL": redis.url}, logs, name="broker-web", workers=2).start()
    try:
        up, up_errors = _edits(web, token, ids, 1)
        redis.stop()
        down, down_errors = _edits(web, token, ids, 2)
    finally:
        web.stop()
        redis.stop()
    return {
        "writers": WRITERS,
        "edit_ms_redis_up (baseline)": summary(up),
        "edit_ms_redis_refusing": summary(down),
        "extra_p99_ms": round(summary(down)["p99_ms"] - summary(up)["p99_ms"], 2),
        "errors": up_errors + down_errors,
        "target": "extra p99 <= 50 ms while Redis refuses, no errors",
    }


def run(bench: "Bench") -> dict:
    return bench_broker_outage(bench.env, bench.logs)
