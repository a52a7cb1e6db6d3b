"""Reports and moderation: buyers report a listing; moderators work the queue
in the admin (web/admin/listings.py) and hide or restore the listing, warn its
seller or suspend them (and lift a suspension from the users' admin). Hidden
listings and a suspended seller's listings leave search, and come back,
through the outbox, like any other write."""

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.accounts.limits import hourly_check
from core.accounts.models import User
from core.accounts.services import WARNING_TASK, mail_later
from core.errors import FieldErrors
from core.listings import services
from core.listings.fields import Invalid, Text
from core.listings.models import REPORT_NOTE_MAX, Listing, ListingReport, ReportReason, ReportResolution
from core.listings.transitions import HIDE, RESTORE, ListingStateError

logger = logging.getLogger(__name__)
NOTE = Text(REPORT_NOTE_MAX)


def listing_report(*, listing: Listing, reporter: User, reason: Any, note: Any = "") -> ListingReport:
    """A report of `listing` (one the reporter may see) into the moderation queue. A reporter's
    open report of the same listing is updated rather than repeated."""
    errors: FieldErrors = {}
    if reason not in ReportReason.values:
        errors["reason"] = [_("Must be one of: %(values)s.") % {"values": ", ".join(ReportReason.values)}]
    try:
        note = NOTE.clean(note)
    except Invalid as refused:
        errors["note"] = [str(refused)]
    if listing.seller_id == reporter.pk:
        errors["non_field_errors"] = [_("You cannot report your own listing.")]
    if errors:
        raise ValidationError(errors)
    hourly_check(
        scope="report",
        subject=f"{reporter.pk}:{reporter.date_joined.timestamp()}",
        limit=settings.REPORTS_PER_HOUR,
        message=_("You have sent many reports this hour."),
    )
    open_report = ListingReport.objects.filter(listing=listing, reporter=reporter, resolved_at__isnull=True).first()
    if open_report is not None:
        open_report.reason, open_report.note = reason, note or open_report.note
        open_report.save(update_fields=["reason", "note"])
        return open_report
    return ListingReport.objects.create(listing=listing, reporter=reporter, reason=reason, note=note)


def _resolve(listing_ids: Iterable[int], *, moderator: User, resolution: str) -> int:
    """Close every open report of these listings with `resolution`."""
    return ListingReport.objects.filter(listing_id__in=list(listing_ids), resolved_at__isnull=True).update(
        resolution=resolution, resolved_at=timezone.now(), resolved_by=moderator
    )


def _move(listing_id: int, transition: Any) -> bool:
    try:
        services.listing_transition(listing_id=listing_id, transition=transition)
    except ListingStateError:
        return False
    return True


def reports_hide(*, listing_ids: Iterable[int], moderator: User) -> int:
    """Hide the listings (out of search until restored); their open reports are resolved. Returns how many moved."""
    ids = list(listing_ids)
    moved = sum(_move(listing_id, HIDE) for listing_id in ids)
    _resolve(ids, moderator=moderator, resolution=ReportResolution.HIDDEN)
    return moved


def reports_restore(*, listing_ids: Iterable[int], moderator: User) -> int:
    ids = list(listing_ids)
    moved = sum(_move(listing_id, RESTORE) for listing_id in ids)
    _resolve(ids, moderator=moderator, resolution=ReportResolution.RESTORED)
    return moved


def reports_dismiss(*, listing_ids: Iterable[int], moderator: User) -> int:
    return _resolve(listing_ids, moderator=moderator, resolution=ReportResolution.DISMISSED)


def sellers_warn(*, listing_ids: Iterable[int], moderator: User) -> int:
    """E-mail each listing's seller a warning (in their language); the reports are resolved. Returns how many sellers."""
    ids = list(listing_ids)
    sellers = set(Listing.objects.filter(pk__in=ids).values_list("seller_id", flat=True))
    with transaction.atomic():
        for seller_id in sellers:
            mail_later(WARNING_TASK, seller_id)
        _resolve(ids, moderator=moderator, resolution=ReportResolution.WARNED)
    return len(sellers)


def sellers_suspend(*, listing_ids: Iterable[int], moderator: User) -> int:
    """Suspend each listing's seller: no more sign-in, and every listing of theirs leaves
    search at once (hidden, through the outbox). Returns how many sellers."""
    ids = list(listing_ids)
    sellers = set(Listing.objects.filter(pk__in=ids).values_list("seller_id", flat=True)) - {moderator.pk}
    for seller_id in sellers:
        User.objects.filter(pk=seller_id).update(is_active=False, suspended_at=timezone.now())
        services.listing_hide_all_of(seller_id=seller_id)
        _resolve(
            Listing.objects.filter(seller_id=seller_id).values_list("pk", flat=True),
            moderator=moderator,
            resolution=ReportResolution.SUSPENDED,
        )
    return len(sellers)


def sellers_reinstate(*, seller_ids: Iterable[int], moderator: User) -> int:
    """Lift the suspension of each seller: they sign in again, and each listing the suspension
    hid gets back the status it had (the active ones return to search through the outbox).
    Returns how many sellers were suspended."""
    suspended = list(User.objects.filter(pk__in=list(seller_ids), suspended_at__isnull=False).values_list("pk", flat=True))
    for seller_id in suspended:
        User.objects.filter(pk=seller_id).update(is_active=True, suspended_at=None)
        services.listing_unhide_all_of(seller_id=seller_id)
        logger.info("sellers.reinstated", extra={"seller_id": seller_id, "moderator_id": moderator.pk})
    return len(suspended)
