"""Exchange rates, set by staff (no online rates): the "≈ in your currency" line (core/catalog/rates.py)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.catalog.models import ExchangeRate


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["base", "quote", "rate", "updated_at", "updated_by"]
    list_filter = ["base", "quote"]
    fields = ["base", "quote", "rate", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request: HttpRequest, obj: ExchangeRate, form: Any, change: bool) -> None:
        obj.updated_by = request.user  # type: ignore[assignment]  # the admin lets signed-in staff alone save
        super().save_model(request, obj, form, change)
