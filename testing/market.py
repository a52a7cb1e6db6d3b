"""A known market in the index: listings made through the services at chosen
moments, relayed in-process into the test's fresh index."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from unittest import mock

from django.utils import timezone

from core.listings.models import Listing
from core.listings.services import listing_expire, listing_mark_sold
from testing.listings import make_listing


@contextmanager
def clock(when: datetime) -> Iterator[None]:
    """The services stamp published_at and sold_at with timezone.now(): make it `when`."""
    with mock.patch.object(timezone, "now", return_value=when):
        yield


def listing_at(when: datetime, **fields: Any) -> Listing:
    """A listing published at `when` (make_listing's fields)."""
    with clock(when):
        return make_listing(**fields)


def sell_at(listing: Listing, when: datetime) -> Listing:
    with clock(when):
        return listing_mark_sold(listing_id=listing.pk)


def expire_at(listing: Listing, when: datetime) -> Listing:
    with clock(when):
        return listing_expire(listing_id=listing.pk)
