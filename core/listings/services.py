"""Every write to a listing. Each one locks the row, bumps `version` and
records an outbox row in the same transaction (ARCHITECTURE.md, guarantee 5).
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.accounts.models import User
from core.accounts.verification import user_require_verified
from core.catalog.enums import ENUMS, enum_values
from core.catalog.models import CarModel, Make
from core.errors import Conflict
from core.listings.models import (
    DESCRIPTION_MAX,
    LISTING_LIFETIME_DAYS,
    MAX_MILEAGE_KM,
    MAX_PRICE,
    MIN_YEAR,
    TITLE_MAX,
    TRIM_MAX,
    Listing,
    ListingStatus,
)
from core.listings.versions import next_version, next_version_sql
from core.outbox.services import outbox_record, outbox_record_many

# The fields a seller writes (API.md, Listings); everything else is derived.
EDITABLE_FIELDS = (
    "title",
    "make",
    "model",
    "trim",
    "year",
    "price",
    "mileage_km",
    "body_type",
    "fuel",
    "transmission",
    "drivetrain",
    "exterior_color",
    "regional_spec",
    "condition",
    "governorate",
    "description",
)
REQUIRED_ON_CREATE = ("make", "model", "year", "price", "mileage_km", "fuel", "transmission", "regional_spec", "governorate")
# Listing field → enum name in core/catalog/enums.py.
ENUM_FIELDS = {
    "body_type": "body_type",
    "fuel": "fuel",
    "transmission": "transmission",
    "drivetrain": "drivetrain",
    "exterior_color": "color",
    "regional_spec": "regional_spec",
    "condition": "condition",
    "governorate": "governorate",
}
OPTIONAL_ENUMS = {"drivetrain", "exterior_color"}


class ListingStateError(Conflict):
    """The listing's status does not allow this transition (HTTP 409)."""

    code = "listing_state"


def max_year() -> int:
    return timezone.localdate().year + 1


def year_message() -> str:
    return f"Must be a whole number between {MIN_YEAR} and {max_year()}."


def _clean_text(value: Any, *, field: str, limit: int, errors: dict[str, list[str]]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[field] = ["Must be text."]
        return ""
    value = value.strip()
    if "\x00" in value:
        errors[field] = ["Must not contain NUL characters."]
    elif len(value) > limit:
        errors[field] = [f"Must be at most {limit} characters (it has {len(value)})."]
    return value


def _clean_int(value: Any, *, field: str, low: int, high: int, message: str, errors: dict[str, list[str]]) -> int | None:
    if isinstance(value, bool):
        errors[field] = [message]
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        errors[field] = [message]
        return None
    return value


def _clean_price(value: Any, errors: dict[str, list[str]]) -> Decimal | None:
    message = "Must be an amount in BHD above 0 and at most 10,000,000.000, with at most 3 decimals."
    if isinstance(value, bool) or value is None:
        errors["price"] = [message]
        return None
    try:
        price = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        errors["price"] = [message]
        return None
    if not price.is_finite() or price <= 0 or price > MAX_PRICE or price.as_tuple().exponent < -3:  # type: ignore[operator]
        errors["price"] = [message]
        return None
    return price.quantize(Decimal("0.001"))


def _apply(listing: Listing, data: Mapping[str, Any], *, creating: bool, retitle: bool = False) -> None:
    """Validate `data` and copy it onto `listing`; raise ValidationError naming each bad field."""
    errors: dict[str, list[str]] = {}
    unknown = set(data) - set(EDITABLE_FIELDS)
    data = {key: value for key, value in data.items() if key not in unknown}
    if creating:
        for field in REQUIRED_ON_CREATE:
            if data.get(field) in (None, ""):
                errors[field] = ["This field is required."]

    make = listing.make if listing.make_id else None
    if "make" in data and "make" not in errors:
        make = Make.objects.filter(slug=str(data["make"]).strip().lower()).first()
        if make is None:
            errors["make"] = [f"Unknown make {str(data['make'])[:60]!r}; see /api/v1/catalog/makes."]
        else:
            listing.make = make
    if ("model" in data or "make" in data) and "model" not in errors and make is not None:
        slug = str(data["model"]).strip().lower() if "model" in data else listing.model.slug
        model = CarModel.objects.filter(make=make, slug=slug).first()
        if model is None:
            errors["model"] = [f"{slug[:60]!r} is not a model of {make.name_en}."]
        else:
            listing.model = model
            if not data.get("body_type") and (creating or "model" in data) and model.body_type:
                listing.body_type = model.body_type

    if "year" in data and "year" not in errors:
        year = _clean_int(data["year"], field="year", low=MIN_YEAR, high=max_year(), message=year_message(), errors=errors)
        if year is not None:
            listing.year = year
    if "price" in data and "price" not in errors:
        price = _clean_price(data["price"], errors)
        if price is not None:
            listing.price = price
    if "mileage_km" in data and "mileage_km" not in errors:
        mileage = _clean_int(
            data["mileage_km"],
            field="mileage_km",
            low=0,
            high=MAX_MILEAGE_KM,
            message=f"Must be a whole number of kilometres from 0 to {MAX_MILEAGE_KM:,}.",
            errors=errors,
        )
        if mileage is not None:
            listing.mileage_km = mileage

    for field, enum in ENUM_FIELDS.items():
        if field not in data or field in errors:
            continue
        value = data[field]
        if value in (None, "") and (field in OPTIONAL_ENUMS or (field == "body_type" and listing.body_type)):
            if field in OPTIONAL_ENUMS:
                setattr(listing, field, "")
            continue
        if not isinstance(value, str) or value.strip().lower() not in enum_values(enum):
            allowed = ", ".join(choice.value for choice in ENUMS[enum])
            errors[field] = [f"Must be one of: {allowed}."]
            continue
        setattr(listing, field, value.strip().lower())

    for field, limit in (("trim", TRIM_MAX), ("title", TITLE_MAX), ("description", DESCRIPTION_MAX)):
        if field in data and field not in errors:
            setattr(listing, field, _clean_text(data[field], field=field, limit=limit, errors=errors))

    if not listing.body_type and "body_type" not in errors and not errors.get("model"):
        errors["body_type"] = ["This field is required."]
    if errors:
        raise ValidationError(errors)
    # A title the seller never wrote follows the car it names (`retitle`).
    if not listing.title or (retitle and "title" not in data):
        listing.title = derive_title(listing)


def derive_title(listing: Listing) -> str:
    parts = [str(listing.year), listing.make.name_en, listing.model.name_en, listing.trim]
    return " ".join(part for part in parts if part)[:TITLE_MAX]


def _record(listing: Listing) -> None:
    outbox_record(listing_id=listing.pk, version=listing.version)


def _locked(listing_id: int) -> Listing:
    return Listing.objects.select_for_update(of=("self",)).select_related("make", "model", "seller").get(pk=listing_id)


def _bump_and_save(listing: Listing) -> Listing:
    listing.version = next_version(listing.version)
    listing.save()
    _record(listing)
    return listing


def _activate(listing: Listing, now: datetime.datetime) -> None:
    user_require_verified(listing.seller, to="publish a listing")
    listing.status = ListingStatus.ACTIVE
    listing.published_at = listing.published_at or now
    listing.expires_at = now + datetime.timedelta(days=LISTING_LIFETIME_DAYS)
    listing.sold_at = None


@transaction.atomic
def listing_create(*, seller: User, data: Mapping[str, Any], publish: bool = True) -> Listing:
    listing = Listing(seller=seller, seller_type=seller.account_type, version=next_version())
    _apply(listing, data, creating=True)
    if publish:
        _activate(listing, timezone.now())
    listing.save()
    _record(listing)
    return listing


@transaction.atomic
def listing_update(*, listing_id: int, data: Mapping[str, Any]) -> Listing:
    listing = _locked(listing_id)
    if listing.status == ListingStatus.DELETED:
        raise Listing.DoesNotExist
    _apply(listing, data, creating=False, retitle=listing.title == derive_title(listing))
    return _bump_and_save(listing)


@transaction.atomic
def listing_publish(*, listing_id: int) -> Listing:
    listing = _locked(listing_id)
    if listing.status not in (ListingStatus.DRAFT, ListingStatus.EXPIRED):
        raise ListingStateError(f"A {listing.status} listing cannot be published.")
    _activate(listing, timezone.now())
    return _bump_and_save(listing)


@transaction.atomic
def listing_renew(*, listing_id: int) -> Listing:
    listing = _locked(listing_id)
    if listing.status not in (ListingStatus.ACTIVE, ListingStatus.EXPIRED):
        raise ListingStateError(f"A {listing.status} listing cannot be renewed.")
    _activate(listing, timezone.now())
    return _bump_and_save(listing)


@transaction.atomic
def listing_mark_sold(*, listing_id: int) -> Listing:
    listing = _locked(listing_id)
    if listing.status not in (ListingStatus.ACTIVE, ListingStatus.EXPIRED):
        raise ListingStateError(f"A {listing.status} listing cannot be marked sold.")
    listing.status = ListingStatus.SOLD
    listing.sold_at = timezone.now()
    return _bump_and_save(listing)


@transaction.atomic
def listing_expire(*, listing_id: int) -> Listing:
    listing = _locked(listing_id)
    if listing.status != ListingStatus.ACTIVE:
        raise ListingStateError(f"A {listing.status} listing cannot expire.")
    listing.status = ListingStatus.EXPIRED
    return _bump_and_save(listing)


@transaction.atomic
def listing_withdraw(*, listing_id: int) -> Listing:
    """Back to draft: the seller takes an active listing off the market."""
    listing = _locked(listing_id)
    if listing.status not in (ListingStatus.ACTIVE, ListingStatus.EXPIRED):
        raise ListingStateError(f"A {listing.status} listing cannot be withdrawn.")
    listing.status = ListingStatus.DRAFT
    return _bump_and_save(listing)


@transaction.atomic
def listing_delete(*, listing_id: int) -> None:
    listing = _locked(listing_id)
    if listing.status == ListingStatus.DELETED:
        return
    listing.status = ListingStatus.DELETED
    listing.deleted_at = timezone.now()
    _bump_and_save(listing)


@transaction.atomic
def listing_set_status(*, listing_id: int, status: str) -> Listing:
    """The status a seller asks for through PATCH, mapped to its transition."""
    transitions = {
        ListingStatus.ACTIVE: _to_active,
        ListingStatus.SOLD: listing_mark_sold,
        ListingStatus.DRAFT: listing_withdraw,
        ListingStatus.EXPIRED: listing_expire,
    }
    if status not in transitions:
        raise ValidationError({"status": ["Must be one of: draft, active, sold, expired."]})
    current = Listing.objects.only("status").get(pk=listing_id).status
    if current == status:
        return Listing.objects.select_related("make", "model").get(pk=listing_id)
    return transitions[ListingStatus(status)](listing_id=listing_id)


def _to_active(*, listing_id: int) -> Listing:
    current = Listing.objects.only("status").get(pk=listing_id).status
    if current == ListingStatus.EXPIRED:
        return listing_renew(listing_id=listing_id)
    return listing_publish(listing_id=listing_id)


@transaction.atomic
def listing_bulk_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire every active listing past its date: one UPDATE, one outbox insert."""
    now = now or timezone.now()
    due = Listing.objects.filter(status=ListingStatus.ACTIVE, expires_at__lte=now)
    changed = list(
        Listing.objects.filter(pk__in=due.values("pk")).select_for_update(skip_locked=True).values_list("pk", flat=True)
    )
    if not changed:
        return 0
    Listing.objects.filter(pk__in=changed).update(status=ListingStatus.EXPIRED, version=next_version_sql(), updated_at=now)
    outbox_record_many(changes=Listing.objects.filter(pk__in=changed).values_list("pk", "version"))
    return len(changed)


@transaction.atomic
def listing_touch(*, listing_id: int) -> Listing:
    """A change to something the index shows besides the row itself (photos)."""
    listing = _locked(listing_id)
    return _bump_and_save(listing)


@transaction.atomic
def listing_resend(*, index_versions: Mapping[int, int]) -> int:
    """Make the next delivery of each listing win over whatever the index holds
    (reconciliation, indexer/reconcile.py): a version above both the row's and
    `index_versions[id]`, recorded in the outbox. Nothing a seller sees changes.
    An id with no row at all gets a notice only: the relay deletes its document.
    """
    listings = list(Listing.objects.select_for_update().filter(pk__in=list(index_versions)).order_by("pk").only("version"))
    for listing in listings:
        listing.version = next_version(max(listing.version, index_versions[listing.pk]))
    Listing.objects.bulk_update(listings, ["version"])
    changes = [(listing.pk, listing.version) for listing in listings]
    gone = set(index_versions) - {listing.pk for listing in listings}
    changes += [(listing_id, next_version(index_versions[listing_id])) for listing_id in sorted(gone)]
    return outbox_record_many(changes=changes)


@transaction.atomic
def listing_edit(*, listing_id: int, data: Mapping[str, Any]) -> Listing:
    """A seller's PATCH: field changes, then the status transition asked for."""
    fields = {key: value for key, value in data.items() if key != "status"}
    listing = listing_update(listing_id=listing_id, data=fields) if set(fields) & set(EDITABLE_FIELDS) else None
    if "status" in data:
        if not isinstance(data["status"], str):
            raise ValidationError({"status": ["Must be one of: draft, active, sold, expired."]})
        listing = listing_set_status(listing_id=listing_id, status=data["status"])
    return listing or Listing.objects.select_related("make", "model").get(pk=listing_id)
