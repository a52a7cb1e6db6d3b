"""Likely duplicates: a car listed twice, or a photo taken from someone else's listing.

Two rules, against listings already active (docs/decisions/duplicates.md):

- The seller's own active listing of the same make, model and year with close
  mileage, or with a near-identical photo, is probably the same car: the seller
  confirms (`duplicate_confirmed`) before it goes live, as for an unusual price.
- Another seller's active listing with a near-identical photo suggests copied
  photos (a classic scam): the listing waits for moderation (`pending_review`,
  held for a duplicate photo), with a report in the moderators' queue naming
  the listing it resembles.

Photos are compared by perceptual hash (core/listings/photo_hashes.py).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.listings.models import Listing, ListingPhoto, ListingReport, ListingStatus, ReportReason
from core.listings.photo_hashes import HashBytes, near_hash

# Same car: mileage within this share of its own, or within MILEAGE_SLACK_KM.
MILEAGE_SHARE = 0.05
MILEAGE_SLACK_KM = 2000
# The most listings one answer names.
SHOWN = 5


def _similar_photos(phashes: Iterable[int]) -> models.QuerySet[ListingPhoto]:
    """Photos of active listings near-identical to any of `phashes`."""
    near = models.Q()
    for phash in set(phashes):
        near |= near_hash("phash", phash)
    if not near:
        return ListingPhoto.objects.none()
    return (
        ListingPhoto.objects.alias(phash_bytes=HashBytes("phash"))
        .filter(near, listing__status=ListingStatus.ACTIVE)
        .select_related("listing")
    )


def _same_car(listing: Listing) -> list[Listing]:
    """The seller's other active listings of the same make, model and year, with close mileage."""
    slack = max(MILEAGE_SLACK_KM, round(MILEAGE_SHARE * listing.mileage_km))
    others = Listing.objects.filter(
        seller_id=listing.seller_id,
        status=ListingStatus.ACTIVE,
        make_id=listing.make_id,
        model_id=listing.model_id,
        year=listing.year,
        mileage_km__range=(listing.mileage_km - slack, listing.mileage_km + slack),
    ).exclude(pk=listing.pk)
    return list(others.order_by("-published_at")[:SHOWN])


def _listing_hashes(listing: Listing) -> list[int]:
    if listing.pk is None:
        return []
    return [phash for phash in listing.photos.values_list("phash", flat=True) if phash is not None]


def copied_from(listing: Listing, phashes: Iterable[int] | None = None) -> list[Listing]:
    """Other sellers' active listings with a photo near-identical to one of this listing's
    (or to `phashes`, a photo being added)."""
    hashes = list(phashes) if phashes is not None else _listing_hashes(listing)
    photos = _similar_photos(hashes).exclude(listing_id=listing.pk).exclude(listing__seller_id=listing.seller_id)
    return _distinct(photo.listing for photo in photos.order_by("listing_id")[: SHOWN * 4])


def own_duplicates(listing: Listing) -> list[Listing]:
    """The seller's active listings that look like this one: the same car, or a near-identical photo."""
    photos = _similar_photos(_listing_hashes(listing)).filter(listing__seller_id=listing.seller_id).exclude(listing_id=listing.pk)
    return _distinct([*_same_car(listing), *(photo.listing for photo in photos[: SHOWN * 4])])


def _distinct(listings: Iterable[Listing]) -> list[Listing]:
    return list({listing.pk: listing for listing in listings}.values())[:SHOWN]


DUPLICATE_MESSAGE = _(
    "This looks like a car you already have on sale. If it is another car, confirm it with duplicate_confirmed."
)


class LikelyDuplicate(DomainError):
    """The seller has an active listing that looks like this one (400). The seller sends the
    same write again with `"duplicate_confirmed": true` (or edits the existing listing instead)."""

    code = "listing_duplicate"
    status = 400

    def __init__(self, duplicates: list[Listing]) -> None:
        # Its country: the seller's link opens it under its own (/sa/listings/7).
        shown = [{"id": other.pk, "title": other.title, "country": other.country} for other in duplicates]
        super().__init__(DUPLICATE_MESSAGE, non_field_errors=[DUPLICATE_MESSAGE], duplicates=shown)


def vet_own_duplicates(listing: Listing, data: Mapping[str, Any]) -> None:
    """LikelyDuplicate unless the seller has no such listing or confirmed this one."""
    if data.get("duplicate_confirmed") is True:
        return
    duplicates = own_duplicates(listing)
    if duplicates:
        raise LikelyDuplicate(duplicates)


def report_copied_photos(listing: Listing, originals: list[Listing]) -> ListingReport:
    """The moderators' queue learns why the listing waits: whose photos it seems to copy."""
    named = ", ".join(f"#{original.pk} ({original.title}, seller {original.seller_id})" for original in originals)
    return ListingReport.objects.create(
        listing=listing,
        reporter=None,
        reason=ReportReason.DUPLICATE,
        note=f"Automatic: a photo is near-identical to one of another seller's active listing {named}.",
    )
