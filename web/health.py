"""/readyz: whether this process can serve, i.e. PostgreSQL, Redis and the
search engine answer (API.md, "Operations"). /healthz (web/views.py) only says
the process lives.

Each check has its own short timeout (READYZ_TIMEOUT) and they run side by
side, so a dead service costs one timeout, not one per service. A failing
check names what is down and why:
{"status": "unavailable", "checks": {"postgres": "ok", "redis": "down: ...", "search": "ok"}}
"""

import logging
import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import psycopg2
import redis
from django.conf import settings
from django.http import HttpRequest, JsonResponse

from search.engine import build_engine
from search.engines.base import EngineError, SearchEngine
from search.index import listings_alias

logger = logging.getLogger(__name__)

REASON_LENGTH = 200


class NotReady(Exception):
    """A service answered, but not as it must to serve requests."""


def check_postgres(timeout: float) -> None:
    database = settings.DATABASES[settings.READYZ_DATABASE]
    connection = psycopg2.connect(
        host=database["HOST"],
        port=database["PORT"],
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"],
        # libpq waits whole seconds, two at the least.
        connect_timeout=max(2, math.ceil(timeout)),
        options=f"-c statement_timeout={int(timeout * 1000)}",
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()


def check_redis(timeout: float) -> None:
    for url in dict.fromkeys([settings.REDIS_URL, settings.CELERY_BROKER_URL]):
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        try:
            client.ping()
        finally:
            client.close()


@lru_cache(maxsize=4)
def _probe_engine(engine: str, url: str, timeout: float, username: str, password: str) -> SearchEngine:
    # Its own client: the probe's timeout, and probes stay out of the search latency figures.
    return build_engine(engine=engine, url=url, timeout=timeout, username=username, password=password)


def check_search(timeout: float) -> None:
    engine = _probe_engine(
        settings.SEARCH_ENGINE, settings.SEARCH_URL, timeout, settings.SEARCH_USERNAME, settings.SEARCH_PASSWORD
    )
    engine.info()
    alias = listings_alias()
    if not engine.indices_for_alias(alias):
        raise NotReady(f"no index behind the alias {alias} (run: manage.py ensure_index)")


CHECKS: dict[str, Callable[[float], None]] = {"postgres": check_postgres, "redis": check_redis, "search": check_search}
FAILURES = (psycopg2.Error, redis.RedisError, EngineError, NotReady, OSError)


def _outcome(name: str, check: Callable[[float], None], timeout: float) -> str:
    try:
        check(timeout)
    except FAILURES as exc:
        reason = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:REASON_LENGTH]
        logger.warning("readyz.down", extra={"service": name, "error": reason})
        return f"down: {reason}"
    return "ok"


def readiness() -> dict[str, str]:
    timeout = settings.READYZ_TIMEOUT
    with ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="readyz") as pool:
        futures = {name: pool.submit(_outcome, name, check, timeout) for name, check in CHECKS.items()}
        return {name: future.result() for name, future in futures.items()}


def readyz(request: HttpRequest) -> JsonResponse:
    checks = readiness()
    ready = all(outcome == "ok" for outcome in checks.values())
    response = JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
    response["Cache-Control"] = "no-store"
    # Each check logged its own warning; a probe's 503 is not a server error for
    # django.request to log (and report to Sentry) every few seconds.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
