"""What buyers do, recorded for analysts without personal data.

An event never holds who did it: no user id, IP address, email, session or
exact time, only the day (Asia/Bahrain), what was searched (normalized, with
phone numbers and email addresses masked) and which listing was looked at.
Events reach these tables through a Redis buffer (core/events/buffer.py),
written in batches by a beat task, so recording one never slows a request.
"""

from django.db import models


class SearchEvent(models.Model):
    day = models.DateField()
    # The normalized text (core/events/services.py, normalized_query); "" for a browse by filters only.
    q = models.CharField(max_length=200, blank=True)
    # The parsed facet selections and ranges (price in fils), e.g. {"make": ["toyota"], "year": [2015, null]}.
    filters = models.JSONField(default=dict, blank=True)
    result_count = models.PositiveIntegerField()
    zero_results = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["day", "q"], name="search_event_day_q"),
            models.Index(fields=["day", "zero_results"], name="search_event_day_zero"),
        ]

    def __str__(self) -> str:
        return f"search {self.q!r} on {self.day}: {self.result_count} results"


class ListingEventKind(models.TextChoices):
    VIEW = "view", "Listing view"
    CONTACT_CLICK = "contact_click", "Contact click"
    # Sent by the web app while a buyer reads a listing (recommendations learn from them too).
    LONG_VIEW = "long_view", "Long view"
    PHOTO_SWIPE = "photo_swipe", "Photo swipe"


class ListingEvent(models.Model):
    kind = models.CharField(max_length=20, choices=ListingEventKind.choices)
    day = models.DateField()
    # Not a foreign key: events outlive deleted listings, and the report needs only make and model.
    listing_id = models.BigIntegerField()
    make = models.CharField(max_length=50)
    model = models.CharField(max_length=60)

    class Meta:
        indexes = [
            models.Index(fields=["day", "kind"], name="listing_event_day_kind"),
            models.Index(fields=["listing_id", "kind"], name="listing_event_listing"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of listing {self.listing_id} on {self.day}"
