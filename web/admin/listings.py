"""The moderators' admin. Listing edits and actions go through the services,
so every change bumps the version and reaches the index like a seller's own."""

from typing import cast

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from core.accounts.models import User
from core.catalog.models import CarModel, Make
from core.listings import reports, services
from core.listings.fields import EDITABLE_FIELDS, FIELDS, CatalogSlug
from core.listings.models import Listing, ListingPhoto, ListingReport, ListingStatus
from core.listings.transitions import TRANSITIONS, ListingStateError, Transition
from core.outbox.models import OutboxEntry


class SuspendedFilter(admin.SimpleListFilter):
    title = "suspension"
    parameter_name = "suspended"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [("yes", "Suspended"), ("no", "Not suspended")]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() in ("yes", "no"):
            return queryset.filter(suspended_at__isnull=self.value() == "no")
        return queryset


@admin.action(description="Lift the suspension (sign-in again, their listings back as they were)")
def lift_suspension(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[User]) -> None:
    moderator = cast(User, request.user)  # the admin lets signed-in staff alone act
    count = reports.sellers_reinstate(seller_ids=queryset.values_list("pk", flat=True), moderator=moderator)
    messages.info(request, f"{count} seller(s) reinstated.")


@admin.register(User)
class SayaraUserAdmin(UserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "display_name", "account_type", "is_analyst", "is_staff", "is_active", "suspended_at", "date_joined"]
    list_filter = [SuspendedFilter, "account_type", "is_analyst", "is_staff", "is_active", "preferred_language"]
    actions = [lift_suspension]
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


def _action(transition: Transition):  # type: ignore[no-untyped-def]
    """An admin action moving the selected listings along `transition`, one service call each."""

    @admin.action(description=transition.label)
    def act(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Listing]) -> None:
        moved = refused = 0
        for listing_id in queryset.values_list("pk", flat=True):
            try:
                services.listing_transition(listing_id=listing_id, transition=transition)
                moved += 1
            except ListingStateError:
                refused += 1
        messages.info(request, f"{moved} listing(s) {transition.done}; {refused} could not be in their current status.")

    act.__name__ = transition.name
    return act


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "title",
        "price",
        "status",
        "held_for",
        "seller",
        "region",
        "regional_spec",
        "version",
        "updated_at",
    ]
    list_filter = ["status", "held_for", "regional_spec", "region", "seller_type", "condition", "fuel", "body_type", "make"]
    search_fields = ["=id", "title", "description", "seller__email", "seller__display_name", "make__name_en", "model__name_en"]
    list_select_related = ["seller", "make", "model"]
    date_hierarchy = "created_at"
    inlines = [PhotoInline]
    # What sellers write, but the car itself (make and model follow the catalog); the rest is shown.
    readonly_fields = ("seller", "status", "held_for", "version", *(field.name for field in FIELDS if not field.editable))
    fields = (*(field.name for field in FIELDS if field.editable and not isinstance(field.kind, CatalogSlug)), *readonly_fields)
    actions = [_action(transition) for transition in TRANSITIONS]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sellers list cars; moderators correct and act on them

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # "Remove" soft-deletes through the service instead

    def get_queryset(self, request: HttpRequest) -> QuerySet[Listing]:
        return super().get_queryset(request).exclude(status=ListingStatus.DELETED)

    def changeform_view(self, request: HttpRequest, object_id=None, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        # A change is one durable transaction of the service (core/listings/services.py),
        # so the admin's own transaction around the form must not enclose it.
        return self._changeform_view(request, object_id, form_url, extra_context)  # type: ignore[attr-defined]

    def save_model(self, request: HttpRequest, obj: Listing, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        data = {field: form.cleaned_data[field] for field in form.changed_data if field in EDITABLE_FIELDS}
        if data:
            services.listing_update(
                listing_id=obj.pk, data={key: str(value) if key == "price" else value for key, value in data.items()}
            )


def _moderation(name: str, description: str, act, done: str):  # type: ignore[no-untyped-def]
    """An action of the moderation queue on the selected reports' listings."""

    @admin.action(description=description)
    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[ListingReport]) -> None:
        count = act(listing_ids=set(queryset.values_list("listing_id", flat=True)), moderator=request.user)
        messages.info(request, f"{count} {done}.")

    action.__name__ = name
    return action


class OpenFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [("open", "Open"), ("resolved", "Resolved")]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    """The moderation queue: buyers' reports, open first; each action resolves the reports of the listings it touches."""

    list_display = ["id", "listing", "listing_status", "reason", "note", "reporter", "created_at", "resolution"]
    list_filter = [OpenFilter, "reason", "resolution"]
    search_fields = ["=listing__id", "listing__title", "note", "listing__seller__email"]
    list_select_related = ["listing", "reporter"]
    readonly_fields = ["listing", "reporter", "reason", "note", "created_at", "resolution", "resolved_at", "resolved_by"]
    ordering = ["resolved_at", "-created_at"]
    actions = [
        _moderation("hide_listings", "Hide the listings (out of search)", reports.reports_hide, "listing(s) hidden"),
        _moderation(
            "restore_listings",
            "Restore the listings (hidden or waiting for review)",
            reports.reports_restore,
            "listing(s) restored",
        ),
        _moderation("warn_sellers", "Warn the sellers (e-mail)", reports.sellers_warn, "seller(s) warned"),
        _moderation(
            "suspend_sellers",
            "Suspend the sellers (all their listings leave search)",
            reports.sellers_suspend,
            "seller(s) suspended",
        ),
        _moderation("dismiss_reports", "Dismiss the reports", reports.reports_dismiss, "report(s) dismissed"),
    ]

    @admin.display(description="listing status")
    def listing_status(self, report: ListingReport) -> str:
        held_for = report.listing.held_for
        return f"{report.listing.status} ({report.listing.get_held_for_display()})" if held_for else report.listing.status

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


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
