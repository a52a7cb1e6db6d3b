"""Saved searches and the notifications their alerts create.

A saved search keeps the buyer's search query string (API.md, Search) as they
ran it. With `alert` on, a periodic job (discovery/alerts.py) finds active
listings changed since the search's `checked_until` that match it and records
one notification per (saved search, listing), never more
(docs/decisions/saved-search-alerts.md).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.listings.models import Listing

NAME_MAX = 80
QUERY_MAX = 1000


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=NAME_MAX)
    query = models.CharField(max_length=QUERY_MAX, blank=True)
    alert = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Listings changed before `alert_since` never notify: they were in the
    # results when the buyer saved the search (or turned its alert on).
    alert_since = models.DateTimeField(default=timezone.now)
    # Every listing changed before this has been matched already.
    checked_until = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="saved_search_once_per_query")]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="saved_search_user_newest"),
            models.Index(fields=["alert", "checked_until"], name="saved_search_alert_due"),
        ]

    def __str__(self) -> str:
        return f"saved search {self.pk} {self.name!r} of user {self.user_id}"


class EmailFrequency(models.TextChoices):
    INSTANT = "instant", "As they happen"
    DAILY = "daily", "A daily digest"


class AlertEmailSettings(models.Model):
    """How a user wants their alerts e-mailed (core/alerts/emails.py); no row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="alert_email_settings"
    )
    frequency = models.CharField(max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.INSTANT)
    saved_searches = models.BooleanField(default=True)
    price_drops = models.BooleanField(default=True)
    # Messages left unread (core/messaging/notices.py): always as they happen, never in the digest.
    messages = models.BooleanField(default=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"alert e-mail settings of user {self.user_id}"


class NotificationKind(models.TextChoices):
    NEW_MATCH = "new_match", "New match for a saved search"


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices, default=NotificationKind.NEW_MATCH)
    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="notifications")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it went out by e-mail (alone, or in a digest); never for one read in the app first.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["saved_search", "listing"], name="notification_once_per_match")]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_newest"),
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notification_user_unread"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True, emailed_at__isnull=True),
                name="notification_user_unsent",
            ),
        ]

    def __str__(self) -> str:
        return f"notification {self.pk}: listing {self.listing_id} for saved search {self.saved_search_id}"


class PriceDrop(models.Model):
    """A favourite's price fell below what it cost when the buyer saved it: one
    alert per (buyer, listing, price), so each further drop is news again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    price = models.DecimalField(max_digits=12, decimal_places=3)
    # What it cost when the buyer saved it (Favorite.saved_price).
    saved_price = models.DecimalField(max_digits=12, decimal_places=3)
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "listing", "price"], name="price_drop_once_per_price")]
        indexes = [models.Index(fields=["user"], condition=models.Q(emailed_at__isnull=True), name="price_drop_unsent")]

    def __str__(self) -> str:
        return f"price drop of listing {self.listing_id} to {self.price} for user {self.user_id}"
