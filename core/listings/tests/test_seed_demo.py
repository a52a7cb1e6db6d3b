"""manage.py seed_demo: demo accounts have a published password, so it needs DEBUG or --force."""

import pytest
from django.core.management import CommandError, call_command

from core.accounts.models import User
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
