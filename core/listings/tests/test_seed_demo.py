"""manage.py seed_demo: demo accounts have a published password, so it needs DEBUG or --force."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from core.accounts.models import User
from core.catalog.countries import COUNTRY_CODES, country_get, phone_valid
from core.listings.demo import DEMO_DOMAIN
from core.listings.models import Listing

pytestmark = pytest.mark.django_db


def test_without_debug_seed_demo_refuses_and_creates_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo", "--listings", "5", "--no-progress")

    assert not Listing.objects.exists()


def test_forced_it_seeds_verified_demo_sellers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = False
    call_command("load_catalog")  # transactional tests elsewhere may have flushed it

    call_command("seed_demo", "--listings", "5", "--no-progress", "--no-photos", "--force")

    assert Listing.objects.count() == 5
    sellers = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    assert sellers.exists() and not sellers.filter(email_verified_at=None).exists()


def test_demo_listings_span_the_six_countries_bahrain_the_most(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_catalog")

    call_command("seed_demo", "--listings", "600", "--no-progress", "--no-photos", "--force")

    listings = list(Listing.objects.select_related("seller"))
    by_country = Counter(listing.country for listing in listings)
    assert set(by_country) == set(COUNTRY_CODES)
    assert by_country.most_common(1)[0][0] == "bh"
    for listing in listings:
        country = country_get(listing.country)
        assert listing.currency == country.currency
        assert listing.region in country.region_values
        assert listing.seller.country == listing.country
        assert listing.seller.phone.startswith(country.phone.dial_code) and phone_valid(listing.seller.phone)
    # Prices in each currency's size: a riyal car costs about ten times its dinar price.
    median = {
        code: sorted(each.price for each in listings if each.country == code)[by_country[code] // 2] for code in ("bh", "sa")
    }
    assert 5 < median["sa"] / median["bh"] < 20
