"""Favourite writes: both idempotent, like the PUT and DELETE that call them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from core.accounts.models import User
from core.favorites.models import Favorite
from core.listings.selectors import listing_get


@transaction.atomic
def favorite_add(*, user: User, listing_id: int) -> Favorite:
    """Keep `listing_id` among the user's favourites (raises Listing.DoesNotExist
    for a listing the user cannot see). Saving it again changes nothing: the
    price and time of the first save stay."""
    listing = listing_get(listing_id=listing_id, user=user)
    existing = Favorite.objects.filter(user=user, listing=listing).first()
    if existing is not None:
        return existing
    if Favorite.objects.filter(user=user).count() >= settings.FAVORITES_MAX:
        raise ValidationError(
            {
                "non_field_errors": [
                    _("You can keep at most %(favorites_max)s favourites; remove some to add more.")
                    % {"favorites_max": settings.FAVORITES_MAX}
                ]
            }
        )
    try:
        with transaction.atomic():
            return Favorite.objects.create(user=user, listing=listing, saved_price=listing.price)
    except IntegrityError:
        # The same favourite saved at the same moment (a double click): the first one stays.
        return Favorite.objects.get(user=user, listing=listing)


def favorite_remove(*, user: User, listing_id: int) -> None:
    Favorite.objects.filter(user=user, listing_id=listing_id).delete()
