"""Near-identical photos found by hash in PostgreSQL (core/listings/photo_hashes.py,
core/listings/duplicates.py), and the hash itself."""

import io

import pytest
from PIL import Image

from core.listings.duplicates import copied_from
from core.listings.models import ListingPhoto
from core.listings.photo_hashes import PHASH_DISTANCE, photo_hash
from core.listings.services import listing_hide_all_of, listing_unhide_all_of
from core.outbox.models import OutboxEntry
from testing.listings import make_listing
from testing.photos import scene


def _flip(phash: int, bits: int) -> int:
    """`phash` (signed, as stored) with one bit flipped in each of its first `bits` bytes."""
    unsigned = phash & (2**64 - 1)
    for byte in range(bits):
        unsigned ^= 1 << (8 * byte + 3)
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def _copy(image: Image.Image, size: tuple[int, int], quality: int) -> Image.Image:
    out = io.BytesIO()
    image.resize(size).save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def _differ(a: int, b: int) -> int:
    return ((a ^ b) & (2**64 - 1)).bit_count()


def test_a_copy_resized_and_recompressed_hashes_near_its_original_and_other_photos_far():
    original = photo_hash(scene(1))
    assert original is not None
    assert _differ(original, photo_hash(_copy(scene(1), (400, 300), 50))) <= 2
    assert min(_differ(original, photo_hash(scene(seed))) for seed in range(2, 30)) > PHASH_DISTANCE
    # No detail, no hash: every plain image would match every other.
    assert photo_hash(Image.new("RGB", (640, 480), (90, 90, 200))) is None


@pytest.mark.django_db
@pytest.mark.parametrize("stored", [0x1234_5678_9ABC_DEF0, -0x1234_5678_9ABC_DEF0, -1])
def test_the_lookup_finds_hashes_within_the_distance_and_no_further(stored):
    original = make_listing()
    ListingPhoto.objects.create(listing=original, image="x.png", thumbnail="x.webp", phash=stored)
    other = make_listing()

    assert copied_from(other, [_flip(stored, PHASH_DISTANCE)]) == [original]
    assert copied_from(other, [_flip(stored, PHASH_DISTANCE + 1)]) == []
    # Not against the seller's own listings, nor listings out of the market.
    assert copied_from(make_listing(seller=original.seller), [stored]) == []
    listing_hide_all_of(seller_id=original.seller_id)
    assert copied_from(other, [stored]) == []


@pytest.mark.django_db
def test_lifting_a_suspension_is_one_write_per_listing_recorded_in_the_outbox():
    active = make_listing()
    seller = active.seller
    draft = make_listing(seller=seller, publish=False)
    listing_hide_all_of(seller_id=seller.pk)
    before = OutboxEntry.objects.count()

    assert listing_unhide_all_of(seller_id=seller.pk) == 2
    assert OutboxEntry.objects.count() == before + 2
    assert listing_unhide_all_of(seller_id=seller.pk) == 0
    active.refresh_from_db()
    draft.refresh_from_db()
    assert (active.status, draft.status, active.status_before_suspension) == ("active", "draft", "")
