import json

from django.core.management.base import BaseCommand

from core.catalog.countries import COUNTRY_CODES
from indexer.reconcile import reconcile_index


class Command(BaseCommand):
    help = "Compare (id, version) between PostgreSQL and the index and repair the drift."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dry-run", action="store_true", help="report, repair nothing")
        parser.add_argument("--country", choices=COUNTRY_CODES, help="only this country's listings (e.g. sa)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        report = reconcile_index(dry_run=options["dry_run"], country=options["country"])
        self.stdout.write(json.dumps(report.as_dict(), indent=2))
