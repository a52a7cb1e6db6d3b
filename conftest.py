"""Fixtures shared by every test: real PostgreSQL, Redis, search engine and a
real Celery worker process (scripts/test.sh starts the services)."""

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from scripts.processes import WebProcess, WorkerProcess
from testing.processes import worker_env


def pytest_configure(config: pytest.Config) -> None:
    # Never let a test run touch the development index or queue.
    if not settings.SAYARA_INSTANCE.startswith("test"):
        pytest.exit("Run the tests with `make test` (or set SAYARA_INSTANCE=test).", returncode=2)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test database is thrown away: it may commit asynchronously (faster),
    unlike every database that matters (scripts/postgres/sayara.conf). Applies
    to the connections opened from now on, the test servers' and workers' too."""
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{settings.DATABASES["default"]["NAME"]}" SET synchronous_commit = off')
    connection.close()
    # The last run's documents would outlive its rows, and factories number their
    # slugs afresh: a test that indexes without fresh_index would meet them.
    _drop_test_index()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture(autouse=True)
def fresh_catalog_labels() -> None:
    """The per-process caches of the catalog's labels (core/catalog/selectors.py) and of
    search's vocabulary (discovery/vocabulary.py) must not
    carry one test's catalog into the next (transactional tests flush the catalog)."""
    from core.catalog import selectors
    from discovery.vocabulary import search_vocabulary_forget

    selectors._labels = None
    search_vocabulary_forget()


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A request in Arabic leaves its language active in the thread (Django's LocaleMiddleware
    never deactivates it): the next test starts in the default language again."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def seller(api: APIClient) -> Any:
    """A signed-in seller (token-less: the API client is forced to them)."""
    from testing.accounts import UserFactory

    user = UserFactory()
    api.force_authenticate(user)
    return user


@pytest.fixture
def sms(settings: Any, tmp_path: Path) -> Path:
    """Phone codes go to a file the test reads (core/accounts/sms.py FileSender)."""
    settings.SMS_BACKEND = "core.accounts.sms.FileSender"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    return tmp_path / "sms.jsonl"


@pytest.fixture
def unique() -> str:
    """A word no other listing has, to find a test's own listings by text."""
    return "zq" + uuid.uuid4().hex[:10]


# --- the search index ----------------------------------------------------------


def _drop_test_index() -> None:
    from search.engine import get_engine
    from search.index import listings_alias

    engine = get_engine()
    for index in engine.indices_for_alias(listings_alias()):
        engine.delete_index(index)


@pytest.fixture
def fresh_index() -> Iterator[str]:
    """An empty listings index behind the test alias."""
    from indexer.index_admin import ensure_listings_index

    _drop_test_index()
    yield ensure_listings_index()


@pytest.fixture
def event_buffer(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A private, empty analytics event buffer (core/events/buffer.py): a running
    worker's beat drains the shared one, so a test draining in-process uses its own."""
    import redis

    key = settings.EVENTS_BUFFER_KEY = f"{settings.SAYARA_INSTANCE}:analytics-events:{uuid.uuid4().hex[:10]}"
    client = redis.Redis.from_url(settings.REDIS_URL)  # the real one, even if the test points REDIS_URL elsewhere
    yield key
    client.delete(key)


# --- real processes -------------------------------------------------------------------


@pytest.fixture(scope="session")
def mail_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the worker and the ASGI server write their e-mails (one file per send)."""
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Any]:
    """A real SMTP server on a free loopback port (testing/smtp.py)."""
    from testing.smtp import smtp_server_running

    yield from smtp_server_running()


@pytest.fixture
def smtp_mail(smtp_server: Any, settings) -> Any:  # type: ignore[no-untyped-def]
    """This process's Django e-mail sent by SMTP to `smtp_server`; the server's mailbox."""
    for name, value in smtp_server.env().items():
        setattr(settings, name, int(value) if name == "EMAIL_PORT" else (False if value == "0" else value))
    return smtp_server.mailbox


def mail_env(mail_dir: Path) -> dict[str, str]:
    return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(mail_dir)}


@pytest.fixture(scope="module")
def celery_worker(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory, mail_dir: Path) -> Iterator[WorkerProcess]:
    """The real worker, for one module at a time: modules that stop services run
    their own worker against private instances, and two workers would race for
    the same outbox rows."""
    # Saved-search alerts every second instead of every 30 (discovery/tasks.py).
    env = worker_env(ALERTS_INTERVAL_SECONDS="1", **mail_env(mail_dir))
    worker = WorkerProcess(env, tmp_path_factory.mktemp("worker"))
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def asgi_server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory, mail_dir: Path) -> Iterator[str]:
    """The base URL of a real `uvicorn web.asgi:application` reading the test database.

    Tests that use it must be transactional (django_db(transaction=True)) so the
    server sees their rows.
    """
    # Every test signs in and registers from 127.0.0.1: the per-address limits
    # would add up across tests and runs; their own tests use other addresses.
    # (PASSWORD_RESET_MAX_PER_IP also bounds requests for verification links.)
    many = "1000000"
    env = worker_env(LOGIN_IP_MAX_FAILURES=many, REGISTER_MAX_PER_IP=many, PASSWORD_RESET_MAX_PER_IP=many, **mail_env(mail_dir))
    web = WebProcess(env, tmp_path_factory.mktemp("asgi")).start()
    yield web.url
    web.stop()
