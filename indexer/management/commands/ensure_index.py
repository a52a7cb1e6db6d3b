from django.core.management.base import BaseCommand

from indexer.index_admin import ensure_listings_index


class Command(BaseCommand):
    help = "Create the listings index and its alias if they are missing."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        alias = ensure_listings_index()
        self.stdout.write(f"listings index ready behind alias {alias}")
