"""Listings' periodic jobs: expiry and the photos of deleted listings (beat)."""

from celery import shared_task
from django.conf import settings

from core.listings.photos import listing_photos_purge
from core.listings.services import listing_bulk_expire


@shared_task(name="listings.expire", ignore_result=True)
def expire_listings_task() -> int:
    """Every 15 minutes: active listings past their date expire (and leave buyers' search)."""
    return listing_bulk_expire()


@shared_task(name="listings.purge_deleted_photos", ignore_result=True)
def purge_deleted_photos_task() -> int:
    return listing_photos_purge(older_than_days=settings.DELETED_PHOTOS_KEEP_DAYS)
