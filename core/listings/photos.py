"""Listing photos: checked as real images, stripped of metadata, thumbnailed,
hashed (a perceptual hash, to spot a photo listed twice: core/listings/duplicates.py).

A photo changes what search shows (the thumbnail), so each write bumps the
listing's version and records an outbox row like any other listing write.
"""

import datetime
import io
import logging
import re
import uuid
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from core.errors import Translatable
from core.listings.duplicates import copied_from
from core.listings.models import Listing, ListingPhoto, ListingStatus
from core.listings.photo_hashes import photo_hash
from core.listings.services import listing_touch

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 20
MAX_SIDE = 2560
# Every size a photo is shown at, in one place (WebP, for the browser to pick from a srcset):
# the 4:3 crop of a card (search results, similar cars: one to four columns) and the whole
# photo in the gallery (a phone's width to a desktop's column, at 1–3 device pixels a pixel).
# The stored photo itself (up to MAX_SIDE) is the largest source, for zooming in.
CARD_WIDTHS = (320, 480, 720)
VIEW_WIDTHS = (640, 1024, 1600)
# The `thumbnail` field holds the card at this width; its name says the photo has every size
# above, so a thumbnail's address alone (all a search result has) tells its siblings'.
THUMBNAIL_WIDTH = 480
# EXIF orientation → the turn that shows the photo upright (as ImageOps.exif_transpose does).
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
# Pixels a car photo needs, decoded: 24 MP is a 6000×4000 camera frame, far more than the
# 2560-pixel side that is stored. Decoded RGB(A) costs 3–4 bytes a pixel, so this caps a
# worker's memory per upload (~100 MB) whatever the file's size on disk.
MAX_DECODED_PIXELS = 24_000_000
# JPEG decodes at 1/2, 1/4 or 1/8 scale (Pillow's draft), so a larger original still
# decodes within MAX_DECODED_PIXELS; this is the most a JPEG may declare (the largest
# phone sensors take 200 MP).
MAX_JPEG_PIXELS = 200_000_000


def _invalid(message: Translatable) -> ValidationError:
    return ValidationError({"image": [message]})


def _too_many_pixels() -> ValidationError:
    megapixels = MAX_DECODED_PIXELS // 1_000_000
    return _invalid(
        _("The photo has too many pixels: at most %(megapixels)s megapixels (PNG and WebP), or a larger JPEG.")
        % {"megapixels": megapixels}
    )


def _open_checked(upload: IO[bytes], size: int) -> Image.Image:
    """The upload decoded at the smallest scale its format allows that still covers MAX_SIDE."""
    if size > MAX_BYTES:
        raise _invalid(_("The photo is larger than 10 MB."))
    if size == 0:
        raise _invalid(_("The file is empty."))
    try:
        # Only the header is read here: the pixel counts are checked before any decoding.
        probe = Image.open(upload)
        if probe.format not in FORMATS:
            raise _invalid(_("Upload a JPEG, PNG or WebP photo."))
        pixels = probe.width * probe.height
        if pixels > (MAX_JPEG_PIXELS if probe.format == "JPEG" else MAX_DECODED_PIXELS):
            raise _too_many_pixels()
        probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        if image.format == "JPEG":
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
        if image.width * image.height > MAX_DECODED_PIXELS:
            raise _too_many_pixels()
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _invalid(_("This file is not a valid JPEG, PNG or WebP image.")) from exc
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=82, method=4)
    return out.getvalue()


@dataclass(frozen=True)
class ProcessedPhoto:
    image: bytes
    ext: str
    size: tuple[int, int]
    # "card-480", "view-1024", …: each smaller size, WebP.
    sizes: dict[str, bytes]
    phash: int | None  # None: no detail to compare by


def _card_name(stem: str, width: int) -> str:
    return f"{stem}-card-{width}.webp"


def _view_name(stem: str, width: int) -> str:
    return f"{stem}-view-{width}.webp"


def view_widths(width: int) -> list[int]:
    """The gallery sizes a photo this wide has: never larger than the photo itself."""
    return [view for view in VIEW_WIDTHS if view < width]


def process_photo(upload: IO[bytes], size: int) -> ProcessedPhoto:
    """The stored image and its smaller sizes, without EXIF or any other metadata."""
    image = _open_checked(upload, size)
    fmt = image.format or "JPEG"
    # Down to the stored size first, so every copy below is of the small image.
    orientation = image.getexif().get(ExifTags.Base.Orientation)
    image.thumbnail((MAX_SIDE, MAX_SIDE), reducing_gap=3.0)
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    # Turn the pixels the way the camera meant, then drop the metadata (GPS included):
    # a new image from the pixels alone keeps nothing else.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if orientation in TRANSPOSE:
        clean = clean.transpose(TRANSPOSE[orientation])
    rgb = clean.convert("RGB")
    sizes = {}
    for width in CARD_WIDTHS:
        sizes[f"card-{width}"] = _encode(ImageOps.fit(rgb, (width, width * 3 // 4), Image.Resampling.LANCZOS), "WEBP")
    for width in view_widths(clean.width):
        view = rgb.resize((width, round(clean.height * width / clean.width)), Image.Resampling.LANCZOS)
        sizes[f"view-{width}"] = _encode(view, "WEBP")
    return ProcessedPhoto(image=_encode(clean, fmt), ext=FORMATS[fmt][0], size=clean.size, sizes=sizes, phash=photo_hash(rgb))


# A photo's files share its stem: "<hex>.jpg", "<hex>-card-480.webp", "<hex>-view-1024.webp"
# (and "<hex>-thumb.webp", the one thumbnail of photos stored before the sizes above).
PHOTO_FILE = re.compile(r"(?P<stem>[0-9a-f]{32})(?:-card-\d+|-view-\d+|-thumb)?\.(?:jpg|png|webp)")
_CARD_SUFFIX = f"-card-{THUMBNAIL_WIDTH}.webp"


def card_srcset(thumbnail_url: str | None) -> str | None:
    """The srcset of a card from its thumbnail's address; None for photos stored before the sizes."""
    if not thumbnail_url or _CARD_SUFFIX not in thumbnail_url:
        return None
    return ", ".join(f"{thumbnail_url.replace(_CARD_SUFFIX, f'-card-{width}.webp')} {width}w" for width in CARD_WIDTHS)


def photo_sizes(photo: ListingPhoto) -> list[tuple[int, str]]:
    """(width, address) of each gallery size of a photo, smallest first, the stored photo last."""
    name = photo.thumbnail.name or ""
    if not name.endswith(_CARD_SUFFIX) or not photo.width:
        return [(photo.width, photo.image.url)]
    stem = name[: -len(_CARD_SUFFIX)]
    return [
        *((width, default_storage.url(_view_name(stem, width))) for width in view_widths(photo.width)),
        (photo.width, photo.image.url),
    ]


def photo_srcset(photo: ListingPhoto) -> str | None:
    """The gallery's srcset of a photo: each view size, then the stored photo; None before the sizes."""
    if not (photo.thumbnail.name or "").endswith(_CARD_SUFFIX):
        return None
    return ", ".join(f"{url} {width}w" for width, url in photo_sizes(photo))


def _photo_files(photo: ListingPhoto) -> list[str]:
    """Every file of a photo, for deleting them."""
    names = [photo.image.name, photo.thumbnail.name]
    thumbnail = photo.thumbnail.name or ""
    if thumbnail.endswith(_CARD_SUFFIX):
        stem = thumbnail[: -len(_CARD_SUFFIX)]
        names += [_card_name(stem, width) for width in CARD_WIDTHS if width != THUMBNAIL_WIDTH]
        names += [_view_name(stem, width) for width in view_widths(photo.width)]
    return [name for name in names if name]


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def listing_photo_add(*, listing_id: int, upload: IO[bytes], size: int, check_duplicates: bool = False) -> ListingPhoto:
    """With `check_duplicates`, a photo like one of another seller's active listing takes
    an active listing to moderation (core/listings/duplicates.py)."""
    processed = process_photo(upload, size)
    width, height = processed.size
    with transaction.atomic():
        originals: list[Listing] = []
        if check_duplicates and processed.phash is not None:
            originals = copied_from(Listing.objects.only("seller_id").get(pk=listing_id), [processed.phash])
        listing = listing_touch(listing_id=listing_id, photo_originals=originals)
        count = listing.photos.count()
        if count >= MAX_PHOTOS:
            raise _invalid(_("A listing can have at most %(max_photos)s photos.") % {"max_photos": MAX_PHOTOS})
        name = uuid.uuid4().hex
        photo = ListingPhoto(listing=listing, position=count, width=width, height=height, phash=processed.phash)
        photo.image.save(f"{name}.{processed.ext}", ContentFile(processed.image), save=False)
        stem = str(photo.image.name).rsplit(".", 1)[0]
        for suffix, data in processed.sizes.items():
            if suffix == f"card-{THUMBNAIL_WIDTH}":
                photo.thumbnail.save(f"{name}-{suffix}.webp", ContentFile(data), save=False)
            else:
                # Beside the image, under the stem the thumbnail's name derives them from.
                default_storage.save(f"{stem}-{suffix}.webp", ContentFile(data))
        photo.save()
    return photo


def listing_photo_delete(*, listing_id: int, photo_id: int) -> None:
    with transaction.atomic():
        listing_touch(listing_id=listing_id)
        photo = ListingPhoto.objects.get(pk=photo_id, listing_id=listing_id)
        files = _photo_files(photo)
        photo.delete()
        for position, other in enumerate(ListingPhoto.objects.filter(listing_id=listing_id).order_by("position", "id")):
            if other.position != position:
                ListingPhoto.objects.filter(pk=other.pk).update(position=position)
        transaction.on_commit(lambda: _delete_files(files))


def listing_photos_reorder(*, listing_id: int, photo_ids: list[int]) -> list[ListingPhoto]:
    with transaction.atomic():
        listing: Listing = listing_touch(listing_id=listing_id)
        photos = {photo.pk: photo for photo in listing.photos.all()}
        if sorted(photo_ids) != sorted(photos):
            raise ValidationError({"photo_ids": [_("List every photo of this listing exactly once.")]})
        for position, photo_id in enumerate(photo_ids):
            ListingPhoto.objects.filter(pk=photo_id).update(position=position)
    return list(ListingPhoto.objects.filter(listing_id=listing_id).order_by("position", "id"))


def listing_photos_purge(*, older_than_days: int, batch: int = 500) -> int:
    """Delete the photos (rows and files) of listings deleted more than `older_than_days` ago.

    Deleted listings keep their row (versions stay monotonic) but nobody sees
    them any more; their photos go once the grace period for second thoughts
    and support requests has passed. Returns how many photos went.
    """
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    photos = list(
        ListingPhoto.objects.filter(listing__status=ListingStatus.DELETED, listing__deleted_at__lt=cutoff).order_by("id")[:batch]
    )
    for photo in photos:
        # Files first: a row without its file is harmless, a file without its row is never found again.
        _delete_files(_photo_files(photo))
    ListingPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    if photos:
        logger.info("listings.photos_purged", extra={"photos": len(photos)})
    return len(photos)
