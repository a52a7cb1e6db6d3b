"""Listing photos from the local disk, to whoever may see the listing.

A photo's address must not outlive its listing's visibility: a draft's, a
sold, expired or deleted listing's photos are served only to its seller (and
staff), like the listing itself (core/listings/selectors.py, listing_get).
Photo files of deleted listings are removed some days later by a beat task
(core/listings/photos.py, listing_photos_purge). With S3 storage the bucket
serves photos itself (docs/decisions/security.md).
"""

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.static import serve

from core.listings.models import Listing, ListingPhoto, ListingStatus
from core.listings.photos import PHOTO_FILE
from core.listings.transitions import PUBLIC_STATUSES

# Shared caches may keep a public photo this long after its listing left the market.
PUBLIC_MAX_AGE = 600


def listing_photo(request: HttpRequest, listing_id: int, name: str) -> HttpResponseBase:
    path = f"listings/{listing_id}/{name}"
    # Any size of a photo of this listing (core/listings/photos.py): its files share the image's stem.
    family = Q(image=path) | Q(thumbnail=path)
    if file := PHOTO_FILE.fullmatch(name):
        family |= Q(image__startswith=f"listings/{listing_id}/{file['stem']}.")
    if not ListingPhoto.objects.filter(family, listing_id=listing_id).exists():
        raise Http404
    listing = Listing.objects.exclude(status=ListingStatus.DELETED).only("status", "seller_id").filter(pk=listing_id).first()
    if listing is None:
        raise Http404
    user = request.user
    public = listing.status in PUBLIC_STATUSES
    if not public and not (user.is_authenticated and (user.pk == listing.seller_id or user.is_staff)):
        raise Http404
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    return response
