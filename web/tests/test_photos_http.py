"""Listing photos over real HTTP: served to others only while the listing is
public, to its seller always; files of deleted listings purged (web/media.py,
core/listings/photos.py)."""

import datetime
import http.client
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from PIL import Image

from core.listings.models import Listing, ListingPhoto
from core.listings.photos import listing_photos_purge
from testing.accounts import UserFactory
from testing.browser import Browser
from testing.catalog import toyota_land_cruiser
from testing.listings import listing_data

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
    # Three cars (of different years: the same one twice would ask to confirm a duplicate).
    old, recent, kept = (
        owner.post("/api/v1/listings", listing_data(toyota_land_cruiser(), year=year)).json() for year in (2018, 2019, 2020)
    )
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


def _jpeg(width: int, height: int, orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    Image.new("RGB", (width, height), (20, 90, 160)).save(out, "JPEG", quality=60, exif=exif.tobytes())
    return out.getvalue()


def test_pixels_are_capped_at_what_a_car_photo_needs(seller):
    listing = seller.post("/api/v1/listings", listing_data(toyota_land_cruiser())).json()
    photos = f"/api/v1/listings/{listing['id']}/photos"

    # The reported bomb: 175 KB on disk, 60 MP decoded. Refused from its header.
    bomb = seller.post(photos, files={"image": ("bomb.png", png(7740, 7740), "image/png")})
    # A 48 MP phone JPEG decodes at half scale (Pillow's draft) and is stored at 2560 pixels.
    big = seller.post(photos, files={"image": ("phone.jpg", _jpeg(8000, 6000), "image/jpeg")})
    # Turned upright from its EXIF orientation (6: the camera was held on its side).
    turned = seller.post(photos, files={"image": ("side.jpg", _jpeg(4000, 3000, orientation=6), "image/jpeg")})

    assert bomb.status_code == 400
    assert bomb.json() == {"image": ["The photo has too many pixels: at most 24 megapixels (PNG and WebP), or a larger JPEG."]}
    assert big.status_code == 201, big.text
    assert (big.json()["width"], big.json()["height"]) == (2560, 1920)
    assert (turned.json()["width"], turned.json()["height"]) == (1920, 2560)


def test_an_over_size_body_is_refused_before_it_is_sent(asgi_server, seller):
    listing = seller.post("/api/v1/listings", listing_data(toyota_land_cruiser())).json()
    parts = urlsplit(asgi_server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.putrequest("POST", f"/api/v1/listings/{listing['id']}/photos")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(50 * 1024 * 1024))
    connection.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in seller.session.cookies.items()))
    connection.putheader("X-CSRFToken", seller.csrf_token())
    connection.putheader("Accept-Language", "ar")
    connection.endheaders()

    # Not one byte of the body was sent: the answer comes anyway.
    answer = connection.getresponse()

    assert answer.status == 413
    # in the language asked for, though Django has not seen the request yet
    assert "10.1 ميغابايت على الأكثر" in json.loads(answer.read())["detail"]


def test_each_endpoint_refuses_a_body_over_its_own_limit(api):
    api.force_authenticate(UserFactory())

    small = api.post("/api/v1/listings", data="{}", content_type="application/json", CONTENT_LENGTH=str(2 * 1024 * 1024))

    assert small.status_code == 413
    assert "1.0 MB at most" in small.json()["detail"]
    arabic = api.post(
        "/api/v1/listings",
        data="{}",
        content_type="application/json",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert "1.0 ميغابايت على الأكثر" in arabic.json()["detail"]


def _srcset(text: str) -> dict[int, str]:
    """{width: address} of an <img srcset>."""
    return {int(width.rstrip("w")): url for url, width in (part.strip().split(" ") for part in text.split(","))}


def test_a_photo_comes_in_every_size_the_pages_show_and_leaves_with_them(asgi_server, seller):
    listing = seller.post("/api/v1/listings", listing_data(toyota_land_cruiser())).json()
    answer = seller.post(f"/api/v1/listings/{listing['id']}/photos", files={"image": ("car.png", png(2000, 1500), "image/png")})
    assert answer.status_code == 201, answer.text
    photo = answer.json()

    gallery, cards = _srcset(photo["srcset"]), _srcset(photo["thumbnail_srcset"])

    assert sorted(gallery) == [640, 1024, 1600, 2000] and gallery[2000] == photo["url"]
    assert sorted(cards) == [320, 480, 720] and cards[480] == photo["thumbnail_url"]
    stranger = Browser(asgi_server)
    for width, url in [*gallery.items(), *cards.items()]:
        served = stranger.get(urlsplit(url).path)
        assert served.status_code == 200, url
        image = Image.open(io.BytesIO(served.content))
        assert image.width == width
        if width != 2000:
            assert image.format == "WEBP"
    assert seller.delete(f"/api/v1/listings/{listing['id']}/photos/{photo['id']}").status_code == 204
    for url in [*gallery.values(), *cards.values()]:
        assert not (Path(settings.MEDIA_ROOT) / urlsplit(url).path.removeprefix("/media/")).exists(), url
