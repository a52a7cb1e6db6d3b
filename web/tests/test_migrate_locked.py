"""The deploy's migration step (scripts/migrate.sh → manage.py migrate_locked),
run as a deploy runs it: in processes of its own, against real databases."""

import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
from django.conf import settings

from scripts.processes import ROOT
from search.engine import get_engine
from testing.processes import worker_env


def migrate_step(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["scripts/migrate.sh"], cwd=ROOT, env=worker_env(**env), capture_output=True, text=True, timeout=600, check=False
    )


def _admin_connection():  # type: ignore[no-untyped-def]
    database = settings.DATABASES["default"]
    connection = psycopg2.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"], password=database["PASSWORD"], dbname="postgres"
    )
    connection.autocommit = True
    return connection


@pytest.fixture
def empty_database(django_db_setup) -> Iterator[str]:
    """A database with nothing in it, as on a first deploy; dropped afterwards."""
    name = f"{settings.DATABASES['default']['NAME']}_migrate_{uuid.uuid4().hex[:8]}"
    connection = _admin_connection()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


@pytest.fixture
def index_prefix() -> Iterator[str]:
    prefix = f"{settings.SEARCH_INDEX_PREFIX}-migrate-{uuid.uuid4().hex[:8]}"
    yield prefix
    engine = get_engine()
    for index in engine.indices_for_alias(f"{prefix}-listings"):
        engine.delete_index(index)


def test_the_migrate_step_can_run_again_and_again(django_db_setup, index_prefix):
    first = migrate_step(SEARCH_INDEX_PREFIX=index_prefix)
    second = migrate_step(SEARCH_INDEX_PREFIX=index_prefix)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "No migrations to apply." in second.stdout
    assert f"listings index ready behind alias {index_prefix}-listings" in second.stdout
    assert get_engine().indices_for_alias(f"{index_prefix}-listings") == [f"{index_prefix}-listings-initial"]


def test_two_migrate_steps_started_at_once_on_an_empty_database_both_succeed(empty_database, index_prefix):
    env = {"POSTGRES_DB": empty_database, "SEARCH_INDEX_PREFIX": index_prefix}

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda _: migrate_step(**env), range(2)))

    assert [run.returncode for run in runs] == [0, 0], [run.stderr[-2000:] for run in runs]
    # One applied the migrations; the other (after waiting, or after the first finished) found none left.
    assert sorted("Applying listings.0001_initial... OK" in run.stdout for run in runs) == [False, True]
    assert sorted("No migrations to apply." in run.stdout for run in runs) == [False, True]
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=worker_env(**env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert get_engine().indices_for_alias(f"{index_prefix}-listings") == [f"{index_prefix}-listings-initial"]
