"""Every write to a listing. Each one is one transaction that locks the row
once, saves it once with `version` raised once, and records one outbox row
(ARCHITECTURE.md, guarantee 5): one PATCH is one version, whatever it changes.

Outermost services open a durable transaction (it commits when they return);
the helpers they share (`_apply`, `listing_touch`) run inside the caller's.
The fields come from core/listings/fields.py, the statuses and their moves
from core/listings/transitions.py.
"""

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.accounts.models import User
from core.catalog.countries import DEFAULT_COUNTRY, Country, country_get
from core.catalog.models import CarModel, Make
from core.errors import FieldErrors
from core.listings.duplicates import copied_from, report_copied_photos, vet_own_duplicates
from core.listings.fields import (
    BY_NAME,
    EDITABLE_FIELDS,
    PRICE,
    REQUIRED,
    REQUIRED_ON_CREATE,
    TITLE_MAX,
    CountryCode,
    Invalid,
    Money,
    fits_places,
)
from core.listings.models import HeldFor, Listing, ListingPrice, ListingStatus
from core.listings.prices import Plausibility, PriceUnusual, PriceVerdict
from core.listings.selectors import listing_may_change
from core.listings.transitions import (
    APPROVE,
    DELETE,
    EXPIRE,
    HOLD,
    MARK_SOLD,
    PUBLISH,
    RENEW,
    WITHDRAW,
    Transition,
    transition_to,
)
from core.listings.versions import next_version, next_version_sql
from core.outbox.services import outbox_record, outbox_record_many

# Judges a listing's (new) price: discovery/prices.py, which reads comparable cars from the index.
PriceCheck = Callable[[Listing], PriceVerdict]
# What a price's plausibility depends on.
PRICED_FIELDS = frozenset({"price", "make", "model", "year"})


def _clean(data: Mapping[str, Any], *, creating: bool, country: Country, errors: FieldErrors) -> dict[str, Any]:
    """The editable fields of `data`, each cleaned by its kind (money in `country`'s currency);
    what is refused goes to `errors`."""
    cleaned: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        if name not in data:
            if creating and name in REQUIRED_ON_CREATE:
                errors[name] = [REQUIRED]
            continue
        if creating and name in REQUIRED_ON_CREATE and data[name] in (None, ""):
            errors[name] = [REQUIRED]
            continue
        kind = BY_NAME[name].kind
        try:
            if isinstance(kind, Money):
                cleaned[name] = kind.clean(data[name], currency=country.currency, places=country.decimals)
            else:
                cleaned[name] = kind.clean(data[name])
        except Invalid as refused:
            errors[name] = [str(refused)]
    return cleaned


def _aliased(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """`governorate`, the place field's name before countries, is `region` for one release (API.md, v1.1)."""
    if "governorate" in data and "region" not in data:
        return {**{name: value for name, value in data.items() if name != "governorate"}, "region": data["governorate"]}
    return data


def _country(listing: Listing, data: Mapping[str, Any], errors: FieldErrors) -> Country:
    """The country the listing will be in: the one asked for, else its own (Bahrain for a new one)."""
    if "country" in data:
        try:
            return country_get(CountryCode().clean(data["country"]))
        except Invalid as refused:
            errors["country"] = [str(refused)]
    return country_get(listing.country or DEFAULT_COUNTRY)


def _place(listing: Listing, cleaned: dict[str, Any], country: Country, errors: FieldErrors) -> None:
    """The region must be one of the country's, and a price kept across a change of country
    must fit the new currency's decimals."""
    listing.currency = country.currency
    region = cleaned.get("region", listing.region)
    if region and region not in country.region_values and "region" not in errors:
        errors["region"] = [
            _("Must be a region of %(country)s: %(values)s.")
            % {
                "country": country.name_ar if get_language() == "ar" else country.name_en,
                "values": ", ".join(each.value for each in country.regions),
            }
        ]
    price = cleaned.get("price", listing.price)
    if "price" not in cleaned and price is not None and not fits_places(price, country.decimals) and "price" not in errors:
        errors["price"] = [PRICE.refusal(country.currency, country.decimals)]


def _make(listing: Listing, cleaned: dict[str, Any], data: Mapping[str, Any], errors: FieldErrors) -> Make | None:
    """The make the listing will name: the one asked for (if the catalog has it), else its own."""
    make_slug = cleaned.pop("make", None)
    if make_slug is None:
        return listing.make if listing.make_id else None
    make = Make.objects.filter(slug=make_slug).first()
    if make is None:
        errors["make"] = [_("Unknown make %(value)s; see /api/v1/catalog/makes.") % {"value": f"{str(data['make'])[:60]!r}"}]
    else:
        listing.make = make
    return make


def _car(listing: Listing, cleaned: dict[str, Any], data: Mapping[str, Any], errors: FieldErrors) -> None:
    """Resolve the make and model slugs in the catalog; a new model brings its body type."""
    make = _make(listing, cleaned, data, errors)
    model_slug = cleaned.pop("model", None)
    if make is None or "make" in errors or "model" in errors or not ({"make", "model"} & set(data)):
        return
    slug = model_slug or listing.model.slug
    model = CarModel.objects.filter(make=make, slug=slug).first()
    if model is None:
        name = make.name_ar if get_language() == "ar" else make.name_en
        errors["model"] = [_("%(value)s is not a model of %(make)s.") % {"value": repr(slug[:60]), "make": name}]
        return
    listing.model = model
    if not cleaned.get("body_type") and model.body_type:
        cleaned["body_type"] = model.body_type


def _sold_in(listing: Listing, data: Mapping[str, Any], country: Country, errors: FieldErrors) -> None:
    """A car the catalog marks as not sold in the listing's country cannot be listed there
    (checked when the car or the country changes)."""
    if listing.model_id is None or "model" in errors or not ({"make", "model", "country"} & set(data)):
        return
    if not listing.model.sold_in(country.code):
        arabic = get_language() == "ar"
        errors["model"] = [
            _("The %(car)s is not sold in %(country)s.")
            % {
                "car": f"{listing.model.make.name_ar} {listing.model.name_ar}" if arabic else str(listing.model),
                "country": country.name_ar if arabic else country.name_en,
            }
        ]


def _apply(listing: Listing, data: Mapping[str, Any], *, creating: bool, extra: FieldErrors | None = None) -> None:
    """Validate `data` and copy it onto `listing`; raise ValidationError naming each bad field
    (with `extra`, errors found beside the fields)."""
    errors: FieldErrors = dict(extra or {})
    # A title the seller never wrote follows the car it names.
    retitle = not creating and listing.title == derive_title(listing) and "title" not in data
    data = _aliased(data)
    country = _country(listing, data, errors)
    cleaned = _clean(data, creating=creating, country=country, errors=errors)
    _car(listing, cleaned, data, errors)
    _place(listing, cleaned, country, errors)
    _sold_in(listing, data, country, errors)
    _set(listing, cleaned, errors)
    if errors:
        raise ValidationError(errors)
    if not listing.title or retitle:
        listing.title = derive_title(listing)


def _set(listing: Listing, cleaned: dict[str, Any], errors: FieldErrors) -> None:
    """Copy the cleaned values onto the listing; it must end with a body type (its model's by default)."""
    if cleaned.get("body_type") == "":
        del cleaned["body_type"]  # empty: keep the model's
    for name, value in cleaned.items():
        setattr(listing, name, value)
    if not listing.body_type and not {"body_type", "model"} & set(errors):
        errors["body_type"] = [REQUIRED]


def derive_title(listing: Listing) -> str:
    parts = [str(listing.year), listing.make.name_en, listing.model.name_en, listing.trim]
    return " ".join(part for part in parts if part)[:TITLE_MAX]


def _locked(listing_id: int) -> Listing:
    return Listing.objects.select_for_update(of=("self",)).select_related("make", "model", "seller").get(pk=listing_id)


def _vet_price(listing: Listing, data: Mapping[str, Any], check: PriceCheck | None) -> PriceVerdict | None:
    """The verdict on the price (its deal rating set on the listing); PriceUnusual for an
    implausible price the seller has not confirmed."""
    if check is None:
        return None
    verdict = check(listing)
    if not verdict.plausible and data.get("price_confirmed") is not True:
        raise PriceUnusual(verdict)
    listing.deal_percent = verdict.deal_percent
    return verdict


def _hold(listing: Listing, reason: HeldFor, now: datetime.datetime) -> None:
    """To moderation, saying why (the admin shows it)."""
    HOLD.apply(listing, now)
    listing.held_for = reason


def _vet_going_live(listing: Listing, data: Mapping[str, Any]) -> list[Listing]:
    """Before a listing goes live (core/listings/duplicates.py): LikelyDuplicate for one like the
    seller's own active listings, unless confirmed; the other sellers' listings its photos seem
    copied from (it then waits for moderation)."""
    vet_own_duplicates(listing, data)
    return copied_from(listing)


def _note_price_change(listing: Listing, old_price: Decimal, now: datetime.datetime) -> None:
    """The latest change of price, and by how much it lowered it (the cards' price-drop badge)."""
    listing.price_drop = old_price - listing.price if listing.price < old_price else None
    listing.price_changed_at = now


def _save(listing: Listing) -> Listing:
    """The one write of a change: the row at its next version, and its outbox row."""
    listing.version = next_version(listing.version)
    listing.save()
    outbox_record(listing_id=listing.pk, version=listing.version)
    return listing


@transaction.atomic
def listing_create(
    *,
    seller: User,
    data: Mapping[str, Any],
    publish: bool = True,
    check_price: PriceCheck | None = None,
    check_duplicates: bool = False,
) -> Listing:
    """A new listing, published or a draft. Not durable: an idempotent create
    (web/api/idempotency.py) records its key in the same transaction.

    With `check_price`, an implausible price needs `price_confirmed` (else
    PriceUnusual), and an extreme one waits for review instead of going live.
    With `check_duplicates`, one published like the seller's own active
    listing needs `duplicate_confirmed` (else LikelyDuplicate)."""
    listing = Listing(seller=seller, seller_type=seller.account_type, version=next_version())
    _apply(listing, data, creating=True)
    verdict = _vet_price(listing, data, check_price)
    if publish and check_duplicates:
        vet_own_duplicates(listing, data)  # a new listing has no photos yet: they are vetted as they come
    now = timezone.now()
    if publish:
        PUBLISH.apply(listing, now)
        if verdict is not None and verdict.plausibility == Plausibility.HOLD:
            _hold(listing, HeldFor.PRICE, now)
    listing.save()
    ListingPrice.objects.create(listing=listing, price=listing.price, changed_at=now)
    outbox_record(listing_id=listing.pk, version=listing.version)
    return listing


@transaction.atomic(durable=True)
def listing_edit(
    *,
    listing_id: int,
    data: Mapping[str, Any],
    editor: User | None = None,
    check_price: PriceCheck | None = None,
    check_duplicates: bool = False,
) -> Listing:
    """A seller's PATCH: field changes and the status asked for, in one write.

    With `editor`, a listing they may not change is DoesNotExist (404), as a
    deleted one always is. Keys that are not listing fields are ignored; an
    edit that changes nothing writes nothing. With `check_price`, a change of
    the price (or of the car it is for) is vetted as at create: an extreme
    price takes a live listing to review, a plausible one brings a held
    listing back. With `check_duplicates`, a listing going live is vetted
    for duplicates (core/listings/duplicates.py): like the seller's own, it
    needs `duplicate_confirmed`; with photos like another seller's, it waits
    for moderation.
    """
    listing = _locked(listing_id)
    if listing.status == ListingStatus.DELETED or (editor is not None and not listing_may_change(user=editor, listing=listing)):
        raise Listing.DoesNotExist
    transition, errors = _asked_transition(listing, data)
    fields = set(_aliased(data)) & set(EDITABLE_FIELDS)
    old_price = listing.price
    if fields or errors:
        _apply(listing, {name: _aliased(data)[name] for name in fields}, creating=False, extra=errors)
    going_live = transition is not None and transition.target == ListingStatus.ACTIVE
    verdict = _vet_price(listing, data, check_price) if fields & PRICED_FIELDS or going_live else None
    now = timezone.now()
    held_for_price = listing.status == ListingStatus.PENDING_REVIEW and listing.held_for != HeldFor.DUPLICATE_PHOTO
    if verdict is not None and held_for_price and (transition is None or going_live):
        # Held for its price: a plausible one brings it back, an extreme one keeps it waiting.
        transition = APPROVE if verdict.plausibility != Plausibility.HOLD else None
    originals: list[Listing] = []
    if check_duplicates and transition is not None and transition.target == ListingStatus.ACTIVE:
        if listing.status in transition.sources and listing.status != ListingStatus.ACTIVE:
            originals = _vet_going_live(listing, data)
    if transition is not None:
        transition.apply(listing, now)
    if verdict is not None and verdict.plausibility == Plausibility.HOLD and listing.status == ListingStatus.ACTIVE:
        _hold(listing, HeldFor.PRICE, now)
        transition = HOLD
    if originals and listing.status == ListingStatus.ACTIVE:
        _hold(listing, HeldFor.DUPLICATE_PHOTO, now)
        transition = HOLD
    if not (fields or transition):
        return listing
    if listing.price != old_price:
        _note_price_change(listing, old_price, now)
    _save(listing)
    if listing.price != old_price:
        ListingPrice.objects.create(listing=listing, price=listing.price, changed_at=now)
    if originals and listing.held_for == HeldFor.DUPLICATE_PHOTO:
        report_copied_photos(listing, originals)
    return listing


def _asked_transition(listing: Listing, data: Mapping[str, Any]) -> tuple[Transition | None, FieldErrors]:
    """The transition a PATCH's `status` asks for (None: none, or the status it has), or why not."""
    if "status" not in data:
        return None, {}
    try:
        return transition_to(current=listing.status, wanted=data["status"]), {}
    except ValidationError as refused:
        return None, {name: [*messages] for name, messages in refused.message_dict.items()}


def listing_update(*, listing_id: int, data: Mapping[str, Any]) -> Listing:
    """Field changes alone (the admin's form): listing_edit without a status."""
    return listing_edit(listing_id=listing_id, data={name: value for name, value in data.items() if name != "status"})


@transaction.atomic(durable=True)
def listing_transition(*, listing_id: int, transition: Transition) -> Listing:
    """Move a listing along one transition (core/listings/transitions.py)."""
    listing = _locked(listing_id)
    transition.apply(listing, timezone.now())
    return _save(listing)


def listing_publish(*, listing_id: int) -> Listing:
    return listing_transition(listing_id=listing_id, transition=PUBLISH)


def listing_renew(*, listing_id: int) -> Listing:
    """Active again for another LISTING_LIFETIME_DAYS."""
    return listing_transition(listing_id=listing_id, transition=RENEW)


def listing_mark_sold(*, listing_id: int) -> Listing:
    return listing_transition(listing_id=listing_id, transition=MARK_SOLD)


def listing_expire(*, listing_id: int) -> Listing:
    return listing_transition(listing_id=listing_id, transition=EXPIRE)


def listing_withdraw(*, listing_id: int) -> Listing:
    """Back to draft: the seller takes a listing off the market."""
    return listing_transition(listing_id=listing_id, transition=WITHDRAW)


@transaction.atomic(durable=True)
def listing_delete(*, listing_id: int) -> None:
    """Soft: the row stays (versions stay monotonic). Deleting twice is one delete."""
    listing = _locked(listing_id)
    if listing.status != ListingStatus.DELETED:
        DELETE.apply(listing, timezone.now())
        _save(listing)


@transaction.atomic(durable=True)
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


@transaction.atomic(durable=True)
def listing_rate_deals(*, ratings: Mapping[int, Decimal | None]) -> int:
    """New deal ratings (core/listings/prices.py) for active listings, each a new
    version with its outbox row; a listing whose rating is unchanged, or that is
    being written right now (its own write rates it), is skipped. Returns how many changed."""
    listings = list(
        Listing.objects.select_for_update(skip_locked=True)
        .filter(pk__in=list(ratings), status=ListingStatus.ACTIVE)
        .order_by("pk")
        .only("version", "deal_percent")
    )
    changed = [listing for listing in listings if listing.deal_percent != ratings[listing.pk]]
    for listing in changed:
        listing.deal_percent = ratings[listing.pk]
        listing.version = next_version(listing.version)
    Listing.objects.bulk_update(changed, ["deal_percent", "version"])
    return outbox_record_many(changes=[(listing.pk, listing.version) for listing in changed])


@transaction.atomic(durable=True)
def listing_hide_all_of(*, seller_id: int) -> int:
    """Hide every listing of a suspended seller: one UPDATE, one outbox insert, so each
    leaves search with the relay's next run. Returns how many."""
    hidden = list(
        Listing.objects.select_for_update()
        .filter(seller_id=seller_id)
        .exclude(status__in=[ListingStatus.DELETED, ListingStatus.HIDDEN])
        .values_list("pk", flat=True)
    )
    if not hidden:
        return 0
    rows = Listing.objects.filter(pk__in=hidden)
    # Each keeps the status it had (SET reads the row before the update) for listing_unhide_all_of.
    rows.update(
        status_before_suspension=F("status"),
        status=ListingStatus.HIDDEN,
        version=next_version_sql(),
        updated_at=timezone.now(),
    )
    return outbox_record_many(changes=rows.values_list("pk", "version"))


@transaction.atomic(durable=True)
def listing_unhide_all_of(*, seller_id: int) -> int:
    """Give back each listing its status from before the seller's suspension (a listing
    a moderator hid on its own stays hidden): one UPDATE, one outbox insert, so the
    active ones are back in search with the relay's next run. Returns how many."""
    hidden = list(
        Listing.objects.select_for_update()
        .filter(seller_id=seller_id, status=ListingStatus.HIDDEN)
        .exclude(status_before_suspension="")
        .values_list("pk", flat=True)
    )
    if not hidden:
        return 0
    rows = Listing.objects.filter(pk__in=hidden)
    rows.update(
        status=F("status_before_suspension"),
        status_before_suspension="",
        version=next_version_sql(),
        updated_at=timezone.now(),
    )
    return outbox_record_many(changes=rows.values_list("pk", "version"))


def listing_touch(*, listing_id: int, photo_originals: list[Listing] | None = None) -> Listing:
    """A change to something the index shows besides the row itself (photos):
    locks and bumps the listing inside the caller's transaction. With
    `photo_originals` (other sellers' listings a new photo looks like), an active
    listing waits for moderation, the queue saying why."""
    listing = _locked(listing_id)
    held = bool(photo_originals) and listing.status == ListingStatus.ACTIVE
    if held:
        _hold(listing, HeldFor.DUPLICATE_PHOTO, timezone.now())
    _save(listing)
    if held:
        report_copied_photos(listing, photo_originals or [])
    return listing


@transaction.atomic(durable=True)
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
