"""`manage.py migrate_locked`: the deploy's one-shot database step.

Applies migrations and creates the listings index (ensure_index) while
holding a PostgreSQL advisory lock, so that two deploys, or two containers
starting at once, never migrate side by side: the second waits, then finds
nothing left to do. Safe to run any number of times.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

logger = logging.getLogger(__name__)

# Fixed for every Sayara process that migrates this database: b"sayarmig" as a bigint.
MIGRATION_LOCK_KEY = 8314059846541207911


class Command(BaseCommand):
    help = "Apply migrations and create the search index, one process at a time (PostgreSQL advisory lock)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--wait", type=float, default=600.0, help="seconds to wait for another migration (default 600)")
        parser.add_argument("--skip-index", action="store_true", help="do not create the search index")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        # The lock lives on a connection of its own, so nothing migrate does to
        # its connection (closing it, failing a transaction) lets go of it.
        lock = connections.create_connection(options["database"])
        try:
            self._acquire(lock, wait=options["wait"])
            started = time.monotonic()
            call_command("migrate", database=options["database"], interactive=False, verbosity=options["verbosity"])
            if not options["skip_index"]:
                call_command("ensure_index", verbosity=options["verbosity"])
            logger.info("migrate.done", extra={"seconds": round(time.monotonic() - started, 2)})
        finally:
            lock.close()  # ends the session, which releases the lock

    def _acquire(self, lock, *, wait: float) -> None:  # type: ignore[no-untyped-def]
        with lock.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
            if cursor.fetchone()[0]:
                return
            self.stdout.write("Another process is migrating this database: waiting for it to finish.")
            logger.info("migrate.waiting_for_lock", extra={"wait_seconds": wait})
            # lock_timeout bounds the wait; the lock is taken as soon as the other process lets go.
            cursor.execute("SELECT set_config('lock_timeout', %s, false)", [f"{int(wait * 1000)}ms"])
            try:
                cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
            except OperationalError as exc:  # lock_not_available
                raise CommandError(f"Another migration still held the lock after {wait:.0f} s: {exc}") from exc
