"""scripts/backup.sh against the real PostgreSQL: a backup restores with the
row it held, and pruning keeps what it promises and nothing else."""

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

from scripts.processes import ROOT
from testing.processes import worker_env

BACKUP = ROOT / "scripts" / "backup.sh"


def connect(dbname: str):  # type: ignore[no-untyped-def]
    database = settings.DATABASES["default"]
    connection = psycopg2.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"], password=database["PASSWORD"], dbname=dbname
    )
    connection.autocommit = True
    return connection


def backup(backup_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BACKUP)],
        env=worker_env(BACKUP_DIR=str(backup_dir), **env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def test_database(django_db_setup) -> str:
    return settings.DATABASES["default"]["NAME"]


@pytest.fixture
def probe_row(test_database: str) -> Iterator[tuple[str, str]]:
    """A committed row in a table of its own (the test transaction would hide an ORM row from pg_dump)."""
    table, note = f"backup_probe_{uuid.uuid4().hex[:8]}", f"kept {uuid.uuid4().hex}"
    connection = connect(test_database)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} (note text)")
        cursor.execute(f"INSERT INTO {table} VALUES (%s)", [note])
    yield table, note
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    connection.close()


@pytest.fixture
def scratch_database(test_database: str) -> Iterator[str]:
    name = f"{test_database}_restore_{uuid.uuid4().hex[:8]}"
    admin = connect("postgres")
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def fake_backup(backup_dir: Path, database: str, stamp: str, *, days_old: float = 0) -> Path:
    path = backup_dir / f"sayara-{database}-{stamp}.dump"
    path.write_bytes(b"old")
    when = time.time() - days_old * 86400
    os.utime(path, (when, when))
    return path


def test_a_backup_restores_into_an_empty_database_with_its_rows(tmp_path, test_database, probe_row, scratch_database):
    table, note = probe_row

    made = backup(tmp_path, POSTGRES_DB=test_database)

    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path and dump.name.startswith(f"sayara-{test_database}-") and dump.suffix == ".dump"
    assert [path.name for path in tmp_path.iterdir()] == [dump.name]  # no partial file left behind

    database = settings.DATABASES["default"]
    restore = ["pg_restore", "--no-owner", "--exit-on-error", "-h", database["HOST"], "-p", str(database["PORT"])]
    restored = subprocess.run(
        [*restore, "-U", database["USER"], "-d", scratch_database, str(dump)],
        env={**os.environ, "PGPASSWORD": database["PASSWORD"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert restored.returncode == 0, restored.stderr

    source, copy = connect(test_database), connect(scratch_database)
    with copy.cursor() as cursor:
        cursor.execute(f"SELECT note FROM {table}")
        assert cursor.fetchall() == [(note,)]
    for counted in ("django_migrations", "catalog_make", "catalog_carmodel"):
        with source.cursor() as before, copy.cursor() as after:
            before.execute(f"SELECT count(*) FROM {counted}")
            after.execute(f"SELECT count(*) FROM {counted}")
            assert after.fetchone() == before.fetchone(), counted
    source.close()
    copy.close()


def test_only_the_newest_backups_of_the_database_are_kept(tmp_path, test_database):
    oldest = fake_backup(tmp_path, test_database, "20200101T000000Z")
    older = fake_backup(tmp_path, test_database, "20200102T000000Z")
    newest_old = fake_backup(tmp_path, test_database, "20200103T000000Z")
    other_database = fake_backup(tmp_path, "elsewhere", "20200101T000000Z")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("keep me")

    made = backup(tmp_path, POSTGRES_DB=test_database, BACKUP_KEEP="2", BACKUP_KEEP_DAYS="0")

    assert made.returncode == 0, made.stderr
    new = Path(made.stdout.strip().splitlines()[-1])
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [new.name, newest_old.name, other_database.name, unrelated.name]
    )
    assert not oldest.exists() and not older.exists()


def test_backups_older_than_the_days_to_keep_are_removed(tmp_path, test_database):
    stale = fake_backup(tmp_path, test_database, "20200101T000000Z", days_old=40)
    recent = fake_backup(tmp_path, test_database, "20200102T000000Z", days_old=10)

    made = backup(tmp_path, POSTGRES_DB=test_database, BACKUP_KEEP="0", BACKUP_KEEP_DAYS="30")

    assert made.returncode == 0, made.stderr
    assert not stale.exists()
    assert recent.exists()
    assert Path(made.stdout.strip().splitlines()[-1]).exists()


def test_a_failed_backup_says_so_and_prunes_nothing(tmp_path, test_database):
    old = fake_backup(tmp_path, "no_such_database_here", "20200101T000000Z", days_old=400)

    made = backup(tmp_path, POSTGRES_DB="no_such_database_here", BACKUP_KEEP="1", BACKUP_KEEP_DAYS="1")

    assert made.returncode != 0
    assert "pg_dump of no_such_database_here failed; older backups are untouched" in made.stderr
    assert [path.name for path in tmp_path.iterdir()] == [old.name]


def test_bad_retention_settings_are_refused_before_anything_runs(tmp_path, test_database):
    made = backup(tmp_path, POSTGRES_DB=test_database, BACKUP_KEEP="ten")

    assert made.returncode != 0
    assert "BACKUP_KEEP must be a whole number, not 'ten'" in made.stderr
    assert list(tmp_path.iterdir()) == []
