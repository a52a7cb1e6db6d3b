from django.core.management.base import BaseCommand

from indexer.relay import relay_outbox


class Command(BaseCommand):
    help = "Relay the outbox to the index now, in this process, until nothing is due."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        total = 0
        while True:
            stats = relay_outbox()
            total += stats.sent
            if stats.sent == 0:
                break
        self.stdout.write(f"relayed {total} listings")
