"""What each thing a buyer does says about their taste: one table, one decay.

Every signal kind and its weight is written here once; the recommender, the
periodic co-occurrence job and the benchmark (scripts/bench/recommendations.py)
read it. A new way to contact a seller (calls, WhatsApp) is one more row in
SIGNAL_WEIGHTS and, since contacting settles a listing, in CONTACT_KINDS.
Why these numbers: docs/decisions/recommendations.md.
"""

import datetime
import math

from django.db import models


class SignalKind(models.TextChoices):
    # Recorded in core/recommendations (Signal rows).
    VIEW = "view", "Viewed"
    LONG_VIEW = "long_view", "Viewed for a while"
    PHOTO_SWIPE = "photo_swipe", "Looked through the photos"
    CONTACT_CLICK = "contact_click", "Opened the contact form"
    # Read where they live (core/favorites, core/messaging, core/alerts).
    FAVORITE = "favorite", "Saved as a favourite"
    MESSAGE = "message", "Messaged the seller"
    SAVED_SEARCH = "saved_search", "Saved a search"


SIGNAL_WEIGHTS: dict[str, float] = {
    SignalKind.VIEW: 1.0,
    SignalKind.LONG_VIEW: 2.0,
    SignalKind.PHOTO_SWIPE: 1.5,
    SignalKind.CONTACT_CLICK: 4.0,
    SignalKind.FAVORITE: 5.0,
    SignalKind.MESSAGE: 6.0,
    # A saved search weighs like this for every listing-shaped preference it states (core/recommendations/profile.py).
    SignalKind.SAVED_SEARCH: 3.0,
}

# Kinds that mean "I have asked the seller": such a listing is never recommended again.
CONTACT_KINDS = frozenset({SignalKind.CONTACT_CLICK, SignalKind.MESSAGE})
# Kinds the buyer chose to keep (reasons say "you saved …").
KEPT_KINDS = frozenset({SignalKind.FAVORITE})

# A signal counts half after this many days, a quarter after twice as many.
HALF_LIFE_DAYS = 14.0
# Signals older than this are not read at all (and are purged).
WINDOW_DAYS = 120

# The blend of the three sources, chosen by the benchmark with at least 0.25 for
# content, which alone serves new listings and new buyers
# (docs/decisions/recommendations.md). Popularity still orders what nothing else scores.
BLEND_COLLABORATIVE = 0.75
BLEND_CONTENT = 0.25
BLEND_POPULARITY = 0.1


def decayed(weight: float, *, age: datetime.timedelta) -> float:
    """`weight` after `age`, halving every HALF_LIFE_DAYS (a future time counts as now)."""
    days = max(age.total_seconds(), 0.0) / 86400
    return weight * math.pow(0.5, days / HALF_LIFE_DAYS)
