"""Favourites: listings a buyer keeps an eye on, with the price when saved."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.listings.models import Listing


class Favorite(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorites")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    # What the car cost when the buyer saved it: a lower price now is news.
    saved_price = models.DecimalField(max_digits=12, decimal_places=3)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "listing"], name="favorite_once_per_listing")]
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="favorite_user_newest")]

    def __str__(self) -> str:
        return f"favourite {self.listing_id} of user {self.user_id}"

    @property
    def price_dropped(self) -> bool:
        return self.listing.price < self.saved_price
