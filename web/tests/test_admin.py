"""Moderators act on listings in the admin, through the services."""

import pytest
from django.test import Client

from core.listings.models import Listing
from core.outbox.models import OutboxEntry
from testing.accounts import UserFactory
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_moderators_search_and_filter_listings(moderator):
    make_listing(description="needle in the haystack")
    make_listing()

    assert moderator.get("/admin/listings/listing/", {"q": "needle"}).status_code == 200
    page = moderator.get("/admin/listings/listing/", {"status__exact": "active", "regional_spec__exact": "gcc"})
    assert page.status_code == 200
    assert b"2 listings" in page.content


def test_an_admin_action_goes_through_the_service(moderator):
    listing = make_listing()

    moderator.post("/admin/listings/listing/", {"action": "mark_sold", "_selected_action": [listing.pk]})

    sold = Listing.objects.get(pk=listing.pk)
    assert sold.status == "sold" and sold.version > listing.version
    assert OutboxEntry.objects.filter(listing_id=listing.pk, version=sold.version).exists()


def test_an_admin_edit_bumps_the_version_and_records_it(moderator):
    listing = make_listing(price="9000")
    form = moderator.get(f"/admin/listings/listing/{listing.pk}/change/").context["adminform"].form
    data = {key: value for key, value in form.initial.items() if key in form.fields and value is not None}
    data.update({"price": "8500.250", "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"})

    response = moderator.post(f"/admin/listings/listing/{listing.pk}/change/", data)

    assert response.status_code == 302, response.content[:2000]
    edited = Listing.objects.get(pk=listing.pk)
    assert str(edited.price) == "8500.250" and edited.version > listing.version
    assert OutboxEntry.objects.filter(listing_id=listing.pk, version=edited.version).exists()


def test_the_admin_is_for_staff_only():
    client = Client()
    client.force_login(UserFactory())

    assert client.get("/admin/listings/listing/").status_code == 302  # to the admin sign-in
    assert Listing.objects.count() == 0
