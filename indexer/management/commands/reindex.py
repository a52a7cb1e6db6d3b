import json

from django.core.management.base import BaseCommand

from indexer.rebuild import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the listings index from PostgreSQL without downtime (new index, replay, alias swap)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument("--json", action="store_true", help="print the stats as JSON")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        report = rebuild_index(batch_size=options["batch_size"], progress=not options["no_progress"])
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
            return
        self.stdout.write(
            f"rebuilt {report.index}: {report.streamed} documents in {report.seconds:.1f}s "
            f"({report.docs_per_second:,.0f}/s), {report.replayed} replayed, {report.skipped} not searchable, "
            f"{report.failed} failed; replaced {', '.join(report.previous) or 'nothing'}"
        )
