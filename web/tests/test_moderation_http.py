"""Reports and moderation on the real stack: buyers report a listing through
the API; moderators work the queue in the admin (hide, restore, warn, suspend)
and what they take down leaves search through the outbox."""

import pytest
from django.test import Client

from core.listings.models import Listing, ListingReport
from testing.accounts import UserFactory, token_for
from testing.catalog import CarModelFactory
from testing.index import index_listings
from testing.listings import make_listing
from testing.processes import wait_until
from web.tests.test_accounts_http import mails_to

QUEUE = "/admin/listings/listingreport/"


def report(api, listing, **body):
    return api.post(f"/api/v1/listings/{listing.pk}/reports", body, format="json")


def searched(api, model) -> list[int]:
    return [card["id"] for card in api.get("/api/v1/search/listings", {"make": model.make.slug}).json()["results"]]


def moderator() -> Client:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def act(client: Client, action: str, reports: list[ListingReport]) -> None:
    answer = client.post(QUEUE, {"action": action, "_selected_action": [item.pk for item in reports]})
    assert answer.status_code == 302, answer.content[:500]


@pytest.mark.django_db
def test_a_buyer_reports_a_listing_and_bad_reports_are_refused(api):
    listing = make_listing()
    draft = make_listing(publish=False)

    anonymous = report(api, listing, reason="scam")
    buyer = UserFactory()
    api.force_authenticate(buyer)
    sent = report(api, listing, reason="scam", note="Asks for a deposit by bank transfer before any viewing.")
    again = report(api, listing, reason="wrong_price")
    bad = report(api, listing, reason="ugly", note="x" * 1001)
    hidden = report(api, draft, reason="scam")
    api.force_authenticate(listing.seller)
    own = report(api, listing, reason="other")

    assert anonymous.status_code == 401
    assert sent.status_code == 201
    assert sent.json()["reason"] == "scam" and sent.json()["listing"] == listing.pk
    # One open report per buyer and listing: a second one updates it.
    assert again.status_code == 201 and again.json()["id"] == sent.json()["id"]
    assert ListingReport.objects.get().reason == "wrong_price"
    assert bad.status_code == 400 and set(bad.json()) == {"reason", "note"}
    assert hidden.status_code == 404
    assert own.status_code == 400
    assert ListingReport.objects.count() == 1


@pytest.mark.django_db
def test_the_queue_hides_a_reported_listing_out_of_search_and_restores_it(api, fresh_index):
    model = CarModelFactory()
    listing = make_listing(car=model)
    api.force_authenticate(UserFactory())
    report(api, listing, reason="scam")
    index_listings()
    assert searched(api, model) == [listing.pk]
    queue = moderator()

    page = queue.get(QUEUE, {"queue": "open"})
    act(queue, "hide_listings", list(ListingReport.objects.all()))
    index_listings()

    assert page.status_code == 200 and b"scam" in page.content.lower()
    assert Listing.objects.get(pk=listing.pk).status == "hidden"
    assert searched(api, model) == []
    assert ListingReport.objects.get().resolution == "hidden"
    # The seller cannot put it back themselves.
    api.force_authenticate(listing.seller)
    assert api.patch(f"/api/v1/listings/{listing.pk}", {"status": "active"}, format="json").status_code == 409
    assert api.get("/api/v1/me/listings", {"status": "hidden"}).json()["count"] == 1

    act(queue, "restore_listings", list(ListingReport.objects.all()))
    index_listings()

    assert searched(api, model) == [listing.pk]


@pytest.mark.django_db
def test_suspending_a_seller_takes_every_listing_of_theirs_out_of_search_and_stops_their_sign_in(api, fresh_index):
    model = CarModelFactory()
    seller = UserFactory()
    reported, other = make_listing(seller=seller, car=model), make_listing(seller=seller, car=model)
    bystander = make_listing(car=model)
    token = token_for(seller)
    api.force_authenticate(UserFactory())
    report(api, reported, reason="scam")
    index_listings()

    act(moderator(), "suspend_sellers", list(ListingReport.objects.all()))
    index_listings()

    assert searched(api, model) == [bystander.pk]
    assert set(Listing.objects.filter(seller=seller).values_list("status", flat=True)) == {"hidden"}
    assert ListingReport.objects.get().resolution == "suspended"
    api.force_authenticate(None)
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    assert other.pk not in searched(api, model)


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_a_warned_seller_gets_an_email_in_their_language(api, celery_worker, mail_dir):
    seller = UserFactory(preferred_language="ar")
    listing = make_listing(seller=seller)
    api.force_authenticate(UserFactory())
    report(api, listing, reason="offensive")

    act(moderator(), "warn_sellers", list(ListingReport.objects.all()))

    (message,) = wait_until(lambda: mails_to(mail_dir, seller.email), timeout=30, message="the warning e-mail")
    assert str(message["Subject"]).strip() == "تنبيه بشأن إعلاناتك في سيارة"
    assert Listing.objects.get(pk=listing.pk).status == "active"
    assert ListingReport.objects.get().resolution == "warned"


@pytest.mark.django_db
def test_lifting_a_suspension_brings_the_sellers_listings_back_as_they_were(api, fresh_index):
    model = CarModelFactory()
    seller = UserFactory()
    reported, other = make_listing(seller=seller, car=model), make_listing(seller=seller, car=model, year=2015)
    draft = make_listing(seller=seller, car=model, publish=False)
    taken_down = make_listing(seller=seller, car=model, year=2012)
    api.force_authenticate(UserFactory())
    report(api, reported, reason="scam")
    report(api, taken_down, reason="offensive")
    queue = moderator()
    # One listing a moderator hid on its own, before the suspension: it stays hidden after.
    act(queue, "hide_listings", list(ListingReport.objects.filter(listing=taken_down)))
    act(queue, "suspend_sellers", list(ListingReport.objects.filter(listing=reported)))
    index_listings()
    assert searched(api, model) == []

    users = queue.get("/admin/accounts/user/", {"suspended": "yes"})
    lifted = queue.post("/admin/accounts/user/", {"action": "lift_suspension", "_selected_action": [seller.pk]})
    index_listings()

    assert users.status_code == 200 and seller.email.encode() in users.content
    assert lifted.status_code == 302
    seller.refresh_from_db()
    assert seller.is_active and seller.suspended_at is None
    statuses = dict(Listing.objects.filter(seller=seller).values_list("pk", "status"))
    assert statuses == {reported.pk: "active", other.pk: "active", draft.pk: "draft", taken_down.pk: "hidden"}
    assert sorted(searched(api, model)) == sorted([reported.pk, other.pk])
    token = token_for(seller)
    api.force_authenticate(None)
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
