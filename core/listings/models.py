"""Listings: the cars sellers offer. PostgreSQL is the source of truth; the
search index is a projection kept in sync through the outbox (core/outbox).

Every write goes through core/listings/services.py, which bumps `version` in
the same transaction as the outbox row; the indexer sends that version to the
engine with version_type=external so an older write never wins.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.catalog.countries import DEFAULT_COUNTRY, country_choices
from core.catalog.enums import enum_choices
from core.catalog.models import CarModel, Make
from core.listings.fields import DESCRIPTION_MAX, MAX_MILEAGE_KM, MAX_PRICE, MIN_YEAR, TITLE_MAX, TRIM_MAX
from core.listings.photo_hashes import HashBytes

LISTING_LIFETIME_DAYS = 60
REPORT_NOTE_MAX = 1000


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    SOLD = "sold", _("Sold")
    EXPIRED = "expired", _("Expired")
    # An extreme price the seller confirmed waits for moderation (core/listings/prices.py).
    PENDING_REVIEW = "pending_review", _("Pending review")
    # A moderator took it down (a report, a suspended seller); only a moderator restores it.
    HIDDEN = "hidden", _("Hidden by moderation")
    # Deleted listings keep their row so the version stays monotonic and
    # conversations about them stay readable; no one sees them.
    DELETED = "deleted", _("Deleted")


class HeldFor(models.TextChoices):
    """Why a listing waits for moderation (`pending_review`)."""

    PRICE = "price", "Extreme price"
    DUPLICATE_PHOTO = "duplicate_photo", "Photo like another seller's"


class Listing(models.Model):
    seller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="listings")
    seller_type = models.CharField(max_length=10, choices=enum_choices("seller_type"))
    status = models.CharField(max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT)
    version = models.BigIntegerField(default=1)
    # Pending review: why (blank: not waiting, or held before the reasons were recorded).
    held_for = models.CharField(max_length=20, choices=HeldFor.choices, blank=True)
    # Hidden with its suspended seller: the status it had, and gets back when the suspension is lifted.
    status_before_suspension = models.CharField(max_length=20, choices=ListingStatus.choices, blank=True)

    title = models.CharField(max_length=TITLE_MAX)
    make = models.ForeignKey(Make, on_delete=models.PROTECT, related_name="+")
    model = models.ForeignKey(CarModel, on_delete=models.PROTECT, related_name="+")
    trim = models.CharField(max_length=TRIM_MAX, blank=True)
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(MIN_YEAR)])
    price = models.DecimalField(
        max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(MAX_PRICE)]
    )
    # The country's currency (core/catalog/countries.py): it follows from `country`, set by the services.
    currency = models.CharField(max_length=3, default="BHD")
    country = models.CharField(max_length=2, choices=country_choices(), default=DEFAULT_COUNTRY)
    mileage_km = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_MILEAGE_KM)])
    body_type = models.CharField(max_length=20, choices=enum_choices("body_type"))
    fuel = models.CharField(max_length=20, choices=enum_choices("fuel"))
    transmission = models.CharField(max_length=20, choices=enum_choices("transmission"))
    drivetrain = models.CharField(max_length=10, choices=enum_choices("drivetrain"), blank=True)
    exterior_color = models.CharField(max_length=20, choices=enum_choices("color"), blank=True)
    regional_spec = models.CharField(max_length=20, choices=enum_choices("regional_spec"))
    condition = models.CharField(max_length=20, choices=enum_choices("condition"), default="used")
    # A first-level division of the listing's country (its governorate in Bahrain).
    region = models.CharField(max_length=30, choices=enum_choices("region"))
    description = models.TextField(max_length=DESCRIPTION_MAX, blank=True)
    # The latest price change (its history: ListingPrice): by how much it lowered the price, if it did.
    price_drop = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    price_changed_at = models.DateTimeField(null=True, blank=True)
    # The price against comparable cars' median when last rated, in percent; None: not rated (core/listings/prices.py).
    deal_percent = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    sold_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="listing_status_created"),
            models.Index(fields=["seller", "status"], name="listing_seller_status"),
            models.Index(fields=["status", "expires_at"], name="listing_status_expires"),
            models.Index(fields=["make", "model", "year"], name="listing_make_model_year"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="listing_price_positive"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="listing_version_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"


class ListingPrice(models.Model):
    """Each price a listing has asked, from its first: its price history."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="prices")
    price = models.DecimalField(max_digits=12, decimal_places=3)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["listing", "-changed_at"], name="listing_price_history")]

    def __str__(self) -> str:
        return f"{self.price} for listing {self.listing_id} at {self.changed_at:%Y-%m-%d}"


class LeadChannel(models.TextChoices):
    CALL = "call", "Call"
    WHATSAPP = "whatsapp", "WhatsApp"


class ListingLead(models.Model):
    """A buyer revealed the seller's number to call or message them (core/listings/leads.py)."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="leads")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    channel = models.CharField(max_length=10, choices=LeadChannel.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["listing", "created_at"], name="listing_lead_listing_day")]

    def __str__(self) -> str:
        return f"{self.channel} lead on listing {self.listing_id}"


class ReportReason(models.TextChoices):
    SCAM = "scam", "Scam or fraud"
    WRONG_PRICE = "wrong_price", "Wrong price"
    SOLD = "sold", "Already sold"
    DUPLICATE = "duplicate", "Duplicate"
    OFFENSIVE = "offensive", "Offensive"
    OTHER = "other", "Other"


class ReportResolution(models.TextChoices):
    HIDDEN = "hidden", "Listing hidden"
    RESTORED = "restored", "Listing restored"
    WARNED = "warned", "Seller warned"
    SUSPENDED = "suspended", "Seller suspended"
    DISMISSED = "dismissed", "Dismissed"


class ListingReport(models.Model):
    """A buyer's report of a listing, waiting in the moderation queue until resolved (core/listings/reports.py)."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.TextField(max_length=REPORT_NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolution = models.CharField(max_length=20, choices=ReportResolution.choices, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["resolved_at", "-created_at"], name="listing_report_queue")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report on listing {self.listing_id}"


def photo_path(photo: "ListingPhoto", filename: str) -> str:
    return f"listings/{photo.listing_id}/{filename}"


class ListingPhoto(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_path)
    thumbnail = models.ImageField(upload_to=photo_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)
    # Perceptual hash (core/listings/photo_hashes.py); null for photos stored before hashes.
    phash = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        indexes = [GinIndex(HashBytes("phash"), name="listing_photo_phash_bytes")]

    def __str__(self) -> str:
        return f"photo {self.pk} of listing {self.listing_id}"
