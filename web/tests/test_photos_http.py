"""Listing photos over real HTTP: served to others only while the listing is
public, to its seller always; files of deleted listings purged (web/media.py,
core/listings/photos.py)."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image

from core.accounts.tests.factories import UserFactory
from core.catalog.tests.factories import toyota_land_cruiser
from core.listings.models import Listing, ListingPhoto
from core.listings.photos import listing_photos_purge
from core.listings.tests.factories import listing_data
from web.tests.browser import Browser

pytestmark = pytest.mark.django_db(transaction=True)


def png(width: int = 320, height: int = 240) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def seller(asgi_server):
    browser = Browser(asgi_server)
    browser.sign_in(UserFactory().email)
    return browser


def _upload(browser: Browser, listing_id: int) -> dict:
    answer = browser.post(f"/api/v1/listings/{listing_id}/photos", files={"image": ("car.png", png(), "image/png")})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_a_photo_is_public_only_while_its_listing_is(asgi_server, seller):
    owner = seller
    stranger = Browser(asgi_server)
    draft = owner.post("/api/v1/listings", {**listing_data(toyota_land_cruiser()), "status": "draft"}).json()
    photo = _upload(owner, draft["id"])
    urls = [photo["url"], photo["thumbnail_url"]]

    while_draft = [(stranger.get(url).status_code, owner.get(url).status_code) for url in urls]
    private_cache = owner.get(urls[0]).headers["Cache-Control"]
    owner.patch(f"/api/v1/listings/{draft['id']}", {"status": "active"})
    while_active = [stranger.get(url) for url in urls]
    owner.patch(f"/api/v1/listings/{draft['id']}", {"status": "sold"})
    once_sold = [stranger.get(url).status_code for url in urls]
    owner.delete(f"/api/v1/listings/{draft['id']}")
    once_deleted = [owner.get(url).status_code for url in urls]

    assert while_draft == [(404, 200), (404, 200)]
    assert private_cache == "private, no-store"
    assert [answer.status_code for answer in while_active] == [200, 200]
    assert while_active[0].headers["Content-Type"] == "image/png" and while_active[0].content[:4] == b"\x89PNG"
    assert while_active[0].headers["Cache-Control"].startswith("public")
    assert once_sold == [404, 404]
    assert once_deleted == [404, 404]
    assert stranger.get(f"/media/listings/{draft['id']}/not-a-photo.png").status_code == 404


def test_photos_of_listings_deleted_days_ago_are_purged(seller):
    owner = seller
    old = owner.post("/api/v1/listings", listing_data(toyota_land_cruiser())).json()
    recent = owner.post("/api/v1/listings", listing_data(toyota_land_cruiser())).json()
    kept = owner.post("/api/v1/listings", listing_data(toyota_land_cruiser())).json()
    for listing in (old, recent, kept):
        _upload(owner, listing["id"])
        if listing is not kept:
            owner.delete(f"/api/v1/listings/{listing['id']}")
    Listing.objects.filter(pk=old["id"]).update(deleted_at=timezone.now() - datetime.timedelta(days=8))
    files = {
        listing["id"]: [
            Path(settings.MEDIA_ROOT) / name
            for name in ListingPhoto.objects.filter(listing_id=listing["id"]).values_list("image", flat=True)
        ]
        for listing in (old, recent, kept)
    }

    purged = listing_photos_purge(older_than_days=7)

    assert purged == 1
    assert not ListingPhoto.objects.filter(listing_id=old["id"]).exists()
    assert [path.exists() for path in files[old["id"]]] == [False]
    assert [path.exists() for path in files[recent["id"]] + files[kept["id"]]] == [True, True]
