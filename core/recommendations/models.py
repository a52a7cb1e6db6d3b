"""Whose taste the recommender learns, what they did, and what it computed.

A subject is a signed-in buyer or a visitor's browser. A browser is known only
by a keyed hash of a random cookie (web/api/recommendations.py): no account,
IP address, user agent or e-mail is stored for it, and its history is purged
after RECOMMENDATIONS_VISITOR_DAYS without use. Favourites, messages and
saved searches are not copied here: they are read where they live.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.listings.models import Listing
from core.recommendations.weights import SignalKind

SUBJECT_KEY_MAX = 64


class Subject(models.Model):
    # "u:<user id>" or "v:<keyed hash of the browser's cookie>".
    key = models.CharField(max_length=SUBJECT_KEY_MAX, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="recommendation_subject"
    )
    enabled = models.BooleanField(default=True)
    # What happened before this (favourites, messages, saved searches) no longer shapes recommendations.
    history_cleared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "last_seen_at"], name="reco_subject_seen")]

    def __str__(self) -> str:
        return f"subject {self.key[:12]}"


class Signal(models.Model):
    """The last time a subject did one kind of thing with one listing."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="signals")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=SignalKind.choices)
    count = models.PositiveIntegerField(default=1)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subject", "listing", "kind"], name="reco_signal_once")]
        indexes = [
            models.Index(fields=["subject", "-last_at"], name="reco_signal_subject_recent"),
            models.Index(fields=["last_at"], name="reco_signal_last_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of listing {self.listing_id}"


class ListingNeighbors(models.Model):
    """What the periodic job computed for a listing: the listings viewed with it
    (best first, with their similarity) and how popular it is."""

    listing_id = models.BigIntegerField(primary_key=True)
    # [[listing id, similarity], …], at most NEIGHBORS_KEPT.
    neighbors = models.JSONField(default=list)
    popularity = models.FloatField(default=0.0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["-popularity"], name="reco_neighbors_popular")]

    def __str__(self) -> str:
        return f"neighbours of listing {self.listing_id}"
