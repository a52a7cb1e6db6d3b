"""A listing's statuses and the moves between them, in one table.

Each status says whether its listings are in the index and whether buyers
see them; each transition says from which statuses it goes, to which, and
what else it sets (published_at, expires_at, sold_at, deleted_at). The
services (publish, renew, mark sold, expire, withdraw, delete), a seller's
PATCH of `status` and the admin's actions all move listings through it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.accounts.verification import user_require_verified
from core.errors import Conflict, Translatable
from core.listings.models import LISTING_LIFETIME_DAYS, Listing, ListingStatus


class ListingStateError(Conflict):
    """The listing's status does not allow this transition (HTTP 409)."""

    code = "listing_state"


@dataclass(frozen=True)
class StatusRule:
    indexed: bool  # its listings are in the search index
    public: bool  # buyers see them (search, the listing's page, its photos)


STATUSES: dict[ListingStatus, StatusRule] = {
    ListingStatus.DRAFT: StatusRule(indexed=False, public=False),
    ListingStatus.ACTIVE: StatusRule(indexed=True, public=True),
    # Sold and expired listings stay in the index, out of buyers' search, for market statistics.
    ListingStatus.SOLD: StatusRule(indexed=True, public=False),
    ListingStatus.EXPIRED: StatusRule(indexed=True, public=False),
    # An extreme price waits for moderation: out of the index, seen by its seller and staff only.
    ListingStatus.PENDING_REVIEW: StatusRule(indexed=False, public=False),
    ListingStatus.HIDDEN: StatusRule(indexed=False, public=False),
    # Deleted listings keep their row (the version stays monotonic); no one sees them.
    ListingStatus.DELETED: StatusRule(indexed=False, public=False),
}
INDEXED_STATUSES = frozenset(status for status, rule in STATUSES.items() if rule.indexed)
PUBLIC_STATUSES = tuple(status for status, rule in STATUSES.items() if rule.public)
# What a seller may ask for in a PATCH (API.md, Listings); deleting is DELETE.
SELLER_STATUSES = (ListingStatus.DRAFT, ListingStatus.ACTIVE, ListingStatus.SOLD, ListingStatus.EXPIRED)
SELLER_STATUS_MESSAGE = format_lazy(_("Must be one of: {values}."), values=", ".join(SELLER_STATUSES))
# What a seller's own listings may be in (the filter of their list).
SELLER_VISIBLE_STATUSES = (*SELLER_STATUSES, ListingStatus.PENDING_REVIEW, ListingStatus.HIDDEN)


def _activate(listing: Listing, now: datetime.datetime) -> None:
    user_require_verified(listing.seller, to=_("publish a listing"))
    listing.published_at = listing.published_at or now
    listing.expires_at = now + datetime.timedelta(days=LISTING_LIFETIME_DAYS)
    listing.sold_at = None
    # Live: no longer waiting for moderation, nor hidden with a suspended seller.
    listing.held_for = listing.status_before_suspension = ""


def _sold(listing: Listing, now: datetime.datetime) -> None:
    listing.sold_at = now


def _deleted(listing: Listing, now: datetime.datetime) -> None:
    listing.deleted_at = now


def _nothing(listing: Listing, now: datetime.datetime) -> None:
    pass


@dataclass(frozen=True)
class Transition:
    name: str  # the admin's action
    sources: frozenset[ListingStatus]
    target: ListingStatus
    cannot: Translatable  # "A sold listing cannot {cannot}."
    label: str  # the admin's action
    done: str  # the admin's report: "3 listing(s) published"
    effect: Callable[[Listing, datetime.datetime], None] = _nothing

    def apply(self, listing: Listing, now: datetime.datetime) -> None:
        """Move `listing` (locked) to the target status, or raise ListingStateError."""
        if listing.status not in self.sources:
            raise ListingStateError(
                _("A %(status)s listing cannot %(cannot)s.")
                % {"status": ListingStatus(listing.status).label.lower(), "cannot": self.cannot}
            )
        self.effect(listing, now)
        listing.status = self.target


_LIVE = frozenset({ListingStatus.ACTIVE, ListingStatus.EXPIRED})
PUBLISH = Transition(
    "publish", frozenset({ListingStatus.DRAFT, ListingStatus.EXPIRED}), ListingStatus.ACTIVE,
    _("be published"), "Publish", "published", _activate,
)  # fmt: skip
RENEW = Transition("renew", _LIVE, ListingStatus.ACTIVE, _("be renewed"), "Renew for 60 days", "renewed", _activate)
MARK_SOLD = Transition("mark_sold", _LIVE, ListingStatus.SOLD, _("be marked sold"), "Mark sold", "marked sold", _sold)
EXPIRE = Transition("expire", frozenset({ListingStatus.ACTIVE}), ListingStatus.EXPIRED, _("expire"), "Expire", "expired")
WITHDRAW = Transition(
    "withdraw", _LIVE | {ListingStatus.PENDING_REVIEW}, ListingStatus.DRAFT,
    _("be withdrawn"), "Withdraw to draft (hide from search)", "withdrawn",
)  # fmt: skip
# A price held for review (core/listings/prices.py): the services hold, a moderator (or a plausible new price) approves.
HOLD = Transition(
    "hold", frozenset({ListingStatus.DRAFT, ListingStatus.ACTIVE, ListingStatus.EXPIRED}), ListingStatus.PENDING_REVIEW,
    _("be held for review"), "Hold for review (hide from search)", "held for review",
)  # fmt: skip
APPROVE = Transition(
    "approve", frozenset({ListingStatus.PENDING_REVIEW}), ListingStatus.ACTIVE,
    _("be approved"), "Approve (publish after review)", "approved", _activate,
)  # fmt: skip
DELETE = Transition(
    "remove", frozenset(STATUSES) - {ListingStatus.DELETED}, ListingStatus.DELETED,
    _("be deleted"), "Remove (delete for everyone)", "removed", _deleted,
)  # fmt: skip
# Moderation (core/listings/reports.py): only a moderator takes a listing down or brings it back.
HIDE = Transition(
    "hide", frozenset(STATUSES) - {ListingStatus.DELETED, ListingStatus.HIDDEN}, ListingStatus.HIDDEN,
    _("be hidden"), "Hide (moderation: out of search until restored)", "hidden",
)  # fmt: skip
RESTORE = Transition(
    "restore", frozenset({ListingStatus.HIDDEN, ListingStatus.PENDING_REVIEW}), ListingStatus.ACTIVE,
    _("be restored"), "Restore (moderation: back on the market)", "restored", _activate,
)  # fmt: skip
TRANSITIONS: tuple[Transition, ...] = (PUBLISH, RENEW, MARK_SOLD, EXPIRE, WITHDRAW, HOLD, APPROVE, HIDE, RESTORE, DELETE)
# The moves a seller's PATCH of `status` makes, first match wins (renewing is its own endpoint).
_PATCH = (PUBLISH, MARK_SOLD, EXPIRE, WITHDRAW)


def transition_to(*, current: str, wanted: object) -> Transition | None:
    """The transition a PATCH asking for status `wanted` makes from `current`;
    None when the listing is there already. ValidationError for a status a
    seller cannot ask for, ListingStateError for one it cannot reach from here."""
    if wanted not in SELLER_STATUSES:
        raise ValidationError({"status": [SELLER_STATUS_MESSAGE]})
    if wanted == current:
        return None
    towards = [transition for transition in _PATCH if transition.target == wanted]
    return next((transition for transition in towards if current in transition.sources), towards[0])
