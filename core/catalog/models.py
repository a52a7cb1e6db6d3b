"""The catalog: the makes and models sold in the Gulf, named in English and Arabic;
one may be marked as not sold in some countries (no listing of it there)."""

from django.db import models

from core.catalog.enums import enum_choices


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
