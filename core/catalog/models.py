"""The catalog: the makes and models sold in the Gulf, named in English and Arabic;
one may be marked as not sold in some countries (no listing of it there). And the
exchange rates staff set between the countries' currencies."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from core.catalog.countries import currency_choices
from core.catalog.enums import enum_choices

# A rate's decimals: enough for a riyal in dinars (0.100266) to stay within a fils of a car's price.
RATE_DECIMALS = 6


class Make(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name_en = models.CharField(max_length=80)
    name_ar = models.CharField(max_length=80)
    # Other spellings buyers type, in either language (the search synonyms).
    aliases = models.JSONField(default=list, blank=True)
    # Codes of the countries it is not sold in (core/catalog/countries.py): no listing of it there.
    not_sold_in = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class CarModel(models.Model):
    make = models.ForeignKey(Make, on_delete=models.PROTECT, related_name="models")
    slug = models.SlugField(max_length=60)
    name_en = models.CharField(max_length=80)
    name_ar = models.CharField(max_length=80)
    aliases = models.JSONField(default=list, blank=True)
    body_type = models.CharField(max_length=20, choices=enum_choices("body_type"), blank=True)
    not_sold_in = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["make__name_en", "name_en"]
        constraints = [models.UniqueConstraint(fields=["make", "slug"], name="catalog_model_unique_slug_per_make")]
        verbose_name = "model"

    def __str__(self) -> str:
        return f"{self.make.name_en} {self.name_en}"

    def sold_in(self, country: str) -> bool:
        """Neither the model nor its make is marked as not sold in `country`."""
        return country not in self.not_sold_in and country not in self.make.not_sold_in


class ExchangeRate(models.Model):
    """What one unit of `base` is worth in `quote`, as staff set it in the admin (never fetched
    online): the approximate price a buyer sees in their own currency ("≈ SAR 1,002"), worked
    out when a listing is read and never stored on it. One rate serves both ways: without a
    rate of its own, SAR → BHD is 1 / (BHD → SAR)."""

    base = models.CharField("from currency", max_length=3, choices=currency_choices())
    quote = models.CharField("to currency", max_length=3, choices=currency_choices())
    rate = models.DecimalField(
        "rate",
        max_digits=12,
        decimal_places=RATE_DECIMALS,
        validators=[MinValueValidator(Decimal(1).scaleb(-RATE_DECIMALS))],
        help_text="One unit of the first currency in the second: BHD → SAR 9.973404.",
    )
    updated_at = models.DateTimeField("updated", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="by"
    )

    class Meta:
        verbose_name = "exchange rate"
        ordering = ["base", "quote"]
        constraints = [
            models.UniqueConstraint(fields=["base", "quote"], name="exchange_rate_one_per_pair"),
            models.CheckConstraint(condition=~models.Q(base=models.F("quote")), name="exchange_rate_two_currencies"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate} {self.quote}"

    def clean(self) -> None:
        if self.base and self.base == self.quote:
            raise ValidationError({"quote": "Choose a currency other than the one it converts from."})
