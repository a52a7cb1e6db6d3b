"""The moderators' admin. Listing edits and actions go through the services,
so every change bumps the version and reaches the index like a seller's own."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from core.accounts.models import User
from core.catalog.models import CarModel, Make
from core.listings import services
from core.listings.models import Listing, ListingPhoto, ListingStatus
from core.outbox.models import OutboxEntry


@admin.register(User)
class SayaraUserAdmin(UserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "display_name", "account_type", "is_analyst", "is_staff", "is_active", "date_joined"]
    list_filter = ["account_type", "is_analyst", "is_staff", "is_active", "preferred_language"]
    search_fields = ["email", "display_name", "phone"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name", "phone", "account_type", "preferred_language")}),
        ("Roles", {"fields": ("is_active", "is_analyst", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),)


class CarModelInline(admin.TabularInline):
    model = CarModel
    extra = 0
    fields = ["slug", "name_en", "name_ar", "body_type", "aliases"]


@admin.register(Make)
class MakeAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "slug"]
    search_fields = ["name_en", "name_ar", "slug"]
    inlines = [CarModelInline]


@admin.register(CarModel)
class CarModelAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_ar", "make", "body_type", "slug"]
    list_filter = ["body_type", "make"]
    search_fields = ["name_en", "name_ar", "slug", "make__name_en"]
    list_select_related = ["make"]


class PhotoInline(admin.TabularInline):
    model = ListingPhoto
    extra = 0
    fields = ("image", "thumbnail", "position", "width", "height")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


def _each(request: HttpRequest, queryset: QuerySet[Listing], service, done: str) -> None:  # type: ignore[no-untyped-def]
    changed = refused = 0
    for listing_id in queryset.values_list("pk", flat=True):
        try:
            service(listing_id=listing_id)
            changed += 1
        except services.ListingStateError:
            refused += 1
    messages.info(request, f"{changed} listing(s) {done}; {refused} could not be in their current status.")


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "price", "status", "seller", "governorate", "regional_spec", "version", "updated_at"]
    list_filter = ["status", "regional_spec", "governorate", "seller_type", "condition", "fuel", "body_type", "make"]
    search_fields = ["=id", "title", "description", "seller__email", "seller__display_name", "make__name_en", "model__name_en"]
    list_select_related = ["seller", "make", "model"]
    date_hierarchy = "created_at"
    inlines = [PhotoInline]
    readonly_fields = (
        "seller",
        "seller_type",
        "status",
        "version",
        "created_at",
        "updated_at",
        "published_at",
        "expires_at",
        "sold_at",
    )
    fields = (
        "title",
        "description",
        "price",
        "mileage_km",
        "year",
        "trim",
        "governorate",
        "regional_spec",
        *readonly_fields,
    )
    actions = ["publish", "renew", "mark_sold", "expire", "withdraw", "remove"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sellers list cars; moderators correct and act on them

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # "Remove" soft-deletes through the service instead

    def get_queryset(self, request: HttpRequest) -> QuerySet[Listing]:
        return super().get_queryset(request).exclude(status=ListingStatus.DELETED)

    def save_model(self, request: HttpRequest, obj: Listing, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        data = {field: form.cleaned_data[field] for field in form.changed_data if field in services.EDITABLE_FIELDS}
        if data:
            services.listing_update(
                listing_id=obj.pk, data={key: str(value) if key == "price" else value for key, value in data.items()}
            )

    @admin.action(description="Publish")
    def publish(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        _each(request, queryset, services.listing_publish, "published")

    @admin.action(description="Renew for 60 days")
    def renew(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        _each(request, queryset, services.listing_renew, "renewed")

    @admin.action(description="Mark sold")
    def mark_sold(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        _each(request, queryset, services.listing_mark_sold, "marked sold")

    @admin.action(description="Expire")
    def expire(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        _each(request, queryset, services.listing_expire, "expired")

    @admin.action(description="Withdraw to draft (hide from search)")
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        _each(request, queryset, services.listing_withdraw, "withdrawn")

    @admin.action(description="Remove (delete for everyone)")
    def remove(self, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        _each(request, queryset, services.listing_delete, "removed")


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    """Read-only: what the index has yet to learn, and what keeps failing."""

    list_display = ["id", "listing_id", "version", "attempts", "available_at", "created_at", "last_error"]
    list_filter = ["attempts"]
    search_fields = ["=listing_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
