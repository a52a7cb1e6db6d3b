import time

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.listings.demo import DEMO_DOMAIN, DEMO_PASSWORD, exchange_rates_seed_demo, listings_seed_demo
from core.listings.models import Listing

RATE_DEALS_TASK = "prices.rate_deals"
RATE_DEALS_AFTER_SECONDS = 60


class Command(BaseCommand):
    help = "Insert realistic Bahrain demo listings (with their outbox rows) in bulk."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--listings", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--no-photos", action="store_true", help="listings without their drawn photos (faster)")
        parser.add_argument("--if-empty", action="store_true", help="only when there are no listings yet (make run)")
        parser.add_argument(
            "--exchange-rates",
            action="store_true",
            help="rough rates between the currencies too, unless staff set some (make run)",
        )
        parser.add_argument(
            "--force", action="store_true", help="run without DEBUG too (a test stack; never a production database)"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        # The demo sellers' password is published (README): never create them where real people sign in.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with a published password and runs only with DJANGO_DEBUG=1. "
                "On a test stack that runs without DEBUG, add --force."
            )
        if options["exchange_rates"] and (rates := exchange_rates_seed_demo()):
            self.stdout.write(f"set {rates} demo exchange rates (staff change them in the admin)")
        if options["if_empty"] and Listing.objects.exists():
            self.stdout.write(f"keeping the {Listing.objects.count():,} listings already here")
            return
        self.stdout.write(f"loading {options['listings']:,} demo listings")
        began = time.monotonic()
        with tqdm(total=options["listings"], unit="listing", disable=options["no_progress"]) as bar:
            count = listings_seed_demo(
                count=options["listings"], seed=options["seed"], progress=bar.update, photos=not options["no_photos"]
            )
        seconds = time.monotonic() - began
        self._rate_deals_soon()
        self.stdout.write(
            f"inserted {count} listings in {seconds:.1f}s ({count / max(seconds, 0.001):,.0f}/s); "
            f"demo sellers sign in as seller0@{DEMO_DOMAIN} … with the password {DEMO_PASSWORD}"
        )

    def _rate_deals_soon(self) -> None:
        """Demo listings are inserted unrated: a worker rates them once the relay has indexed them ("Best deals")."""
        try:
            current_app.send_task(RATE_DEALS_TASK, countdown=RATE_DEALS_AFTER_SECONDS, retry=False)
        except (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError):
            self.stdout.write(f"no broker: the deal ratings wait for the next {RATE_DEALS_TASK} run")
