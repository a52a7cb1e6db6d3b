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


class NotificationKind(models.TextChoices):
    NEW_MATCH = "new_match", "New match for a saved search"


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices, default=NotificationKind.NEW_MATCH)
    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="notifications")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["saved_search", "listing"], name="notification_once_per_match")]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_newest"),
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notification_user_unread"),
        ]

    def __str__(self) -> str:
        return f"notification {self.pk}: listing {self.listing_id} for saved search {self.saved_search_id}"
