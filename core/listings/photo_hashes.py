"""Perceptual hashes of listing photos (pHash, 64 bits, from ImageHash), to find
a photo listed twice whatever its size or compression (core/listings/duplicates.py).

Near-identical: at most PHASH_DISTANCE of the 64 bits differ. Two such hashes
share at least one of their eight bytes (pigeonhole: eight bytes, at most
seven differing bits), so a GIN index of the bytes (ListingPhoto's) finds the
candidates and PostgreSQL counts the differing bits of those alone.
"""

import imagehash
from django.contrib.postgres.fields import ArrayField
from django.db import models
from PIL import Image, ImageStat

# Differing bits at which two photos are still near-identical: a photo resized,
# recompressed or lightly edited stays within it; photos of different cars rarely come close.
PHASH_DISTANCE = 6
assert PHASH_DISTANCE < 8, "the byte index finds hashes differing in at most 7 bits"
# Grey levels' standard deviation below which an image has no detail to tell it by (a plain
# colour, a smooth gradient: every such image hashes alike); real photos of cars are far above.
MIN_DETAIL = 16
HASHED_SIDE = 256


def photo_hash(image: Image.Image) -> int | None:
    """The photo's perceptual hash as PostgreSQL's bigint holds it (signed 64 bits);
    None for an image without detail, which would look like every other such image."""
    # pHash looks at 32×32 grey pixels: shrinking first (cheaply, by whole factors) loses none of them.
    grey = image.convert("L")
    grey.thumbnail((HASHED_SIDE, HASHED_SIDE), reducing_gap=2.0)
    if ImageStat.Stat(grey).stddev[0] < MIN_DETAIL:
        return None
    unsigned = int(str(imagehash.phash(grey)), 16)
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


class HashBytes(models.Func):
    """The eight bytes of a hash column, each tagged with its place (byte i → i × 256 + value).
    ListingPhoto's GIN index and near_hash use this same expression."""

    template = "(ARRAY[" + ", ".join(f"{i * 256} + ((%(expressions)s >> {56 - 8 * i}) & 255)" for i in range(8)) + "])::integer[]"
    output_field = ArrayField(models.IntegerField())


def hash_bytes(phash: int) -> list[int]:
    """What HashBytes gives for `phash` (Python's >> keeps the sign as PostgreSQL's does)."""
    return [i * 256 + ((phash >> (56 - 8 * i)) & 255) for i in range(8)]


class HashDistance(models.Func):
    """How many bits of a hash column differ from `phash`."""

    template = "bit_count((%(expressions)s)::bit(64))"
    output_field = models.IntegerField()

    def __init__(self, column: str, phash: int) -> None:
        super().__init__(models.F(column).bitxor(phash))


def near_hash(column: str, phash: int) -> models.Q:
    """Rows whose hash `column` is within PHASH_DISTANCE of `phash`, for a query that
    aliases HashBytes(column) as `<column>_bytes` (the index finds the candidates)."""
    return models.Q(**{f"{column}_bytes__overlap": hash_bytes(phash)}) & models.Q(
        models.lookups.LessThanOrEqual(HashDistance(column, phash), PHASH_DISTANCE)
    )
