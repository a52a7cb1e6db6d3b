from django.core.management.base import BaseCommand

from core.catalog.services import catalog_data, catalog_load


class Command(BaseCommand):
    help = "Create or update the makes and models from core/catalog/data/catalog.json."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        makes, models = catalog_load(catalog_data())
        self.stdout.write(f"catalog: {makes} makes, {models} models")
