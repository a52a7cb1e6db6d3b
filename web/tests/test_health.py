"""/healthz and /readyz as a load balancer or an orchestrator sees them.

Services are taken "down" by pointing only this test's settings at a closed
port or at a socket that never answers; the shared services keep running.
"""

import socket
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_port() -> Iterator[int]:
    """A port that accepts connections and then never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1]
    server.close()


def test_healthz_answers_while_the_process_lives(api):
    answer = api.get("/healthz")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_readyz_is_ok_when_postgres_redis_and_the_engine_answer(api, fresh_index):
    answer = api.get("/readyz")

    assert answer.status_code == 200, answer.json()
    assert answer.json() == {"status": "ok", "checks": {"postgres": "ok", "redis": "ok", "search": "ok"}}
    assert answer["Cache-Control"] == "no-store"


def _postgres_down(settings) -> None:
    settings.DATABASES = {**settings.DATABASES, "readyz_dead": {**settings.DATABASES["default"], "PORT": 1}}
    settings.READYZ_DATABASE = "readyz_dead"


def _redis_down(settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"


def _search_down(settings) -> None:
    settings.SEARCH_URL = "http://127.0.0.1:1"


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
@pytest.mark.parametrize(
    ("service", "take_down", "reason"),
    [
        ("postgres", _postgres_down, "refused"),
        ("redis", _redis_down, "127.0.0.1:1"),
        ("search", _search_down, "unreachable"),
    ],
)
def test_readyz_names_the_service_that_is_down(api, settings, fresh_index, service, take_down, reason):
    take_down(settings)

    answer = api.get("/readyz")

    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "unavailable"
    assert body["checks"][service].startswith("down: ") and reason in body["checks"][service]
    assert {name: outcome for name, outcome in body["checks"].items() if name != service} == {
        name: "ok" for name in ("postgres", "redis", "search") if name != service
    }


def test_readyz_names_the_celery_broker_when_only_it_is_down(api, settings, fresh_index):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    answer = api.get("/readyz")

    assert answer.status_code == 503
    assert answer.json()["checks"]["redis"].startswith("down: ")


def test_readyz_names_the_search_engine_when_it_is_down(api, settings, fresh_index):
    settings.SEARCH_URL = "http://127.0.0.1:1"

    answer = api.get("/readyz")

    assert answer.status_code == 503
    checks = answer.json()["checks"]
    assert checks["search"].startswith("down: ") and "unreachable" in checks["search"]
    assert (checks["postgres"], checks["redis"]) == ("ok", "ok")


def test_readyz_is_not_ready_without_the_listings_index(api, settings, unique):
    settings.SEARCH_INDEX_PREFIX = f"test-{unique}"

    answer = api.get("/readyz")

    assert answer.status_code == 503
    assert (
        answer.json()["checks"]["search"]
        == f"down: no index behind the alias test-{unique}-listings (run: manage.py ensure_index)"
    )


def test_a_service_that_hangs_is_reported_down_after_the_checks_timeout(api, settings, fresh_index, hung_port):
    settings.READYZ_TIMEOUT = 0.5
    settings.REDIS_URL = f"redis://127.0.0.1:{hung_port}/0"
    settings.SEARCH_URL = f"http://127.0.0.1:{hung_port}"

    answer = api.get("/readyz")

    assert answer.status_code == 503
    checks = answer.json()["checks"]
    assert "timeout" in checks["redis"].lower()
    assert checks["search"].startswith("down: ")
    assert checks["postgres"] == "ok"
