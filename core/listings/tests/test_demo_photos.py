"""Demo listings' photos (core/listings/demo_photos.py): drawn per body type and
colour, through the upload pipeline once per picture, linked per listing."""

import os

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from core.listings.demo import listings_seed_demo
from core.listings.demo_photos import ANGLES, BACKGROUNDS, HEIGHT, WIDTH, Library, draw_car
from core.listings.models import Listing, ListingPhoto
from core.listings.photos import CARD_WIDTHS, photo_sizes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    call_command("load_catalog")  # transactional tests elsewhere may have flushed it
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_each_demo_listing_gets_three_to_six_photos_in_every_size(media):
    listings_seed_demo(count=4, seed=7, photos=True)

    for listing in Listing.objects.all():
        photos = list(listing.photos.all())
        assert 3 <= len(photos) <= 6
        assert [p.position for p in photos] == list(range(len(photos)))
        for photo in photos:
            assert photo.image.name.startswith(f"listings/{listing.pk}/")
            with Image.open(default_storage.open(photo.thumbnail.name)) as card:
                assert (card.format, card.size) == ("WEBP", (480, 360))
            for width in CARD_WIDTHS:
                assert default_storage.exists(photo.thumbnail.name.replace("-card-480", f"-card-{width}"))
            assert all(default_storage.exists(url.removeprefix("/media/")) for _w, url in photo_sizes(photo))
            assert (photo.width, photo.height) == (WIDTH, HEIGHT)


def test_a_picture_is_processed_once_and_linked_not_copied(media):
    listings_seed_demo(count=3, seed=3, photos=True)
    library = sorted((media / "demo-library").rglob("*"))
    photos = list(ListingPhoto.objects.all())

    # Each photo's files are links to the library's, not copies.
    inodes = {path.stat().st_ino for path in library}
    assert photos and all(os.stat(media / photo.image.name).st_ino in inodes for photo in photos)
    # A new run reads the library back from disk and draws nothing again.
    done = next(path for path in library if path.suffix == ".done")
    picture = Library().picture(*done.stem.split("-"))
    assert sorted((media / "demo-library").rglob("*")) == library and picture.stem.endswith(done.stem)
    # Deleting one listing's photo leaves the library and the other photos whole.
    default_storage.delete(photos[0].image.name)
    assert all(path.exists() for path in library) and (media / photos[1].image.name).exists()


def test_every_body_type_angle_and_background_draws():
    for body_type in ("sedan", "suv", "hatchback", "coupe", "convertible", "pickup", "van", "wagon", "unknown"):
        for angle in ANGLES:
            image = draw_car(body_type=body_type, colour="red", angle=angle, background=BACKGROUNDS[len(angle) % 3])
            assert image.size == (WIDTH, HEIGHT) and image.mode == "RGB"
    # The car is in the listing's colour: red dominates the side view's car area.
    side = draw_car(body_type="sedan", colour="red", angle="side", background="showroom").convert("RGB")
    reds = sum(1 for r, g, b in side.resize((96, 72)).getdata() if r > 120 and g < 60 and b < 60)
    assert reds > 200
