"""Likely duplicates through the API on the real stack (PostgreSQL, the outbox,
the relay, OpenSearch): a car the seller already has on sale asks them to
confirm; a photo like one of another seller's listings sends the listing to
moderation, out of search, with the reason in the moderators' queue."""

import pytest
from django.test import Client

from core.listings.models import Listing, ListingPhoto, ListingReport
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory
from testing.index import index_listings
from testing.listings import listing_data, make_listing
from testing.photos import plain_upload, upload

pytestmark = pytest.mark.django_db

QUEUE = "/admin/listings/listingreport/"


def create(api, model, **fields):
    return api.post("/api/v1/listings", listing_data(model, **fields), format="json")


def add_photo(api, listing_id: int, seed: int, **options):
    answer = api.post(f"/api/v1/listings/{listing_id}/photos", {"image": upload(seed, **options)}, format="multipart")
    assert answer.status_code == 201, answer.content
    return answer.json()


def searched(api, model) -> list[int]:
    return sorted(card["id"] for card in api.get("/api/v1/search/listings", {"make": model.make.slug}).json()["results"])


def test_a_second_listing_of_the_same_car_asks_its_seller_to_confirm(api, seller):
    model = CarModelFactory()
    first = create(api, model, year=2020, mileage_km=60000).json()

    again = create(api, model, year=2020, mileage_km=61500)
    count_after_refusal = Listing.objects.filter(seller=seller).count()
    confirmed = create(api, model, year=2020, mileage_km=61500, duplicate_confirmed=True)
    other_year = create(api, model, year=2018, mileage_km=60000)
    far_mileage = create(api, model, year=2020, mileage_km=90000)
    draft = create(api, model, year=2020, mileage_km=60000, status="draft")
    api.force_authenticate(UserFactory())
    someone_else = create(api, model, year=2020, mileage_km=60000)

    assert again.status_code == 400
    body = again.json()
    assert body["code"] == "listing_duplicate"
    assert body["duplicates"] == [{"id": first["id"], "title": first["title"], "country": first["country"]}]
    assert body["non_field_errors"] == [body["detail"]] and "duplicate_confirmed" in body["detail"]
    assert count_after_refusal == 1  # nothing written
    assert confirmed.status_code == 201 and confirmed.json()["status"] == "active"
    assert (other_year.status_code, far_mileage.status_code, draft.status_code, someone_else.status_code) == (201,) * 4
    assert draft.json()["status"] == "draft"


def test_publishing_a_draft_like_an_active_listing_asks_to_confirm(api, seller):
    model = CarModelFactory()
    on_sale = create(api, model, year=2019, mileage_km=30000).json()
    # Another car of the seller, but with the very photo of the draft (a copy, smaller, as JPEG).
    other_car = create(api, CarModelFactory(), year=2015, mileage_km=150000).json()
    add_photo(api, other_car["id"], seed=7)
    same_car = create(api, model, year=2019, mileage_km=30500, status="draft").json()
    same_photo = create(api, model, year=2012, status="draft").json()
    add_photo(api, same_photo["id"], seed=7, size=(480, 360), fmt="JPEG", quality=60)

    refused = api.patch(f"/api/v1/listings/{same_car['id']}", {"status": "active"}, format="json")
    refused_photo = api.patch(f"/api/v1/listings/{same_photo['id']}", {"status": "active"}, format="json")
    confirmed = api.patch(f"/api/v1/listings/{same_car['id']}", {"status": "active", "duplicate_confirmed": True}, format="json")

    assert refused.status_code == 400 and [d["id"] for d in refused.json()["duplicates"]] == [on_sale["id"]]
    assert refused_photo.status_code == 400 and [d["id"] for d in refused_photo.json()["duplicates"]] == [other_car["id"]]
    assert Listing.objects.get(pk=same_photo["id"]).status == "draft"
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "active"
    # Each photo keeps its hash, and the copy's is the original's.
    hashes = list(ListingPhoto.objects.filter(listing__seller=seller).values_list("phash", flat=True))
    assert len(hashes) == 2 and hashes[0] is not None and hashes[0] == hashes[1]


def test_a_photo_like_another_sellers_sends_the_listing_to_moderation_out_of_search(api, fresh_index):
    model = CarModelFactory()
    original_seller, copier = UserFactory(), UserFactory()
    api.force_authenticate(original_seller)
    original = create(api, model, year=2021).json()
    add_photo(api, original["id"], seed=11)
    api.force_authenticate(copier)
    honest = create(api, model, year=2016, mileage_km=120000).json()
    copied = create(api, model, year=2017, mileage_km=80000).json()
    add_photo(api, honest["id"], seed=12)
    add_photo(api, copied["id"], seed=13)
    index_listings()
    in_search_before = searched(api, model)

    # The copier adds the other seller's photo, re-saved smaller as a JPEG.
    add_photo(api, copied["id"], seed=11, size=(800, 600), fmt="JPEG", quality=70)
    index_listings()

    assert in_search_before == sorted([original["id"], honest["id"], copied["id"]])
    held = Listing.objects.get(pk=copied["id"])
    assert (held.status, held.held_for) == ("pending_review", "duplicate_photo")
    assert searched(api, model) == sorted([original["id"], honest["id"]])
    assert api.get("/api/v1/me/listings", {"status": "pending_review"}).json()["count"] == 1
    (flag,) = ListingReport.objects.all()
    assert (flag.listing_id, flag.reason, flag.reporter) == (copied["id"], "duplicate", None)
    assert f"#{original['id']}" in flag.note
    # A new price does not bring it back (only a price hold is lifted by a plausible price).
    api.patch(f"/api/v1/listings/{copied['id']}", {"price": "8400.000"}, format="json")
    assert api.patch(f"/api/v1/listings/{copied['id']}", {"status": "active"}, format="json").status_code == 409
    assert Listing.objects.get(pk=copied["id"]).status == "pending_review"

    # The moderators see why in their queue, and restore it once they have checked.
    moderator = Client()
    moderator.force_login(UserFactory(is_staff=True, is_superuser=True))
    queue = moderator.get(QUEUE, {"queue": "open"})
    assert queue.status_code == 200
    assert b"pending_review (Photo like another seller&#x27;s)" in queue.content
    assert f"#{original['id']}".encode() in queue.content
    restored = moderator.post(QUEUE, {"action": "restore_listings", "_selected_action": [flag.pk]})
    index_listings()

    assert restored.status_code == 302
    assert (Listing.objects.get(pk=copied["id"]).status, Listing.objects.get(pk=copied["id"]).held_for) == ("active", "")
    assert copied["id"] in searched(api, model)


def test_publishing_a_draft_with_another_sellers_photo_waits_for_review(api, seller):
    other = make_listing()
    api.force_authenticate(other.seller)
    add_photo(api, other.pk, seed=21)
    api.force_authenticate(seller)
    draft = create(api, CarModelFactory(), status="draft").json()
    add_photo(api, draft["id"], seed=21, size=(400, 300))  # a draft is vetted when it goes live
    plain = make_listing(seller=seller)

    published = api.patch(f"/api/v1/listings/{draft['id']}", {"status": "active"}, format="json")
    # A photo without detail (a plain colour) looks like every other: it flags nothing.
    api.force_authenticate(other.seller)
    flat = api.post(f"/api/v1/listings/{other.pk}/photos", {"image": plain_upload()}, format="multipart")
    api.force_authenticate(seller)
    api.post(f"/api/v1/listings/{plain.pk}/photos", {"image": plain_upload()}, format="multipart")

    assert published.status_code == 200 and published.json()["status"] == "pending_review"
    assert ListingReport.objects.get().listing_id == draft["id"]
    assert flat.status_code == 201 and ListingPhoto.objects.get(pk=flat.json()["id"]).phash is None
    assert Listing.objects.get(pk=plain.pk).status == "active"
