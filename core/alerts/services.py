"""Writes of saved searches and their notifications.

Queries arrive here already validated and normalised by the caller
(web/search_alerts.saved_query_normalize, which parses them exactly as buyers'
search does): core cannot import search/.
"""

import datetime
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.accounts.models import User
from core.alerts.models import NAME_MAX, AlertEmailSettings, EmailFrequency, Notification, SavedSearch
from core.errors import FieldErrors
from core.listings.models import Listing, ListingStatus
from core.push.services import push_alert_record

logger = logging.getLogger(__name__)


def _clean_name(value: Any, errors: FieldErrors) -> str:
    if not isinstance(value, str) or not value.strip():
        errors["name"] = [_("Give this search a name.")]
        return ""
    value = " ".join(value.split())
    if len(value) > NAME_MAX:
        errors["name"] = [_("Must be at most %(name_max)s characters.") % {"name_max": NAME_MAX}]
    return value


def _clean_alert(value: Any, errors: FieldErrors) -> bool:
    if not isinstance(value, bool):
        errors["alert"] = [_("Must be true or false.")]
        return False
    return value


def _duplicate_error(user: User, query: str, *, exclude: int | None = None) -> FieldErrors:
    others = SavedSearch.objects.filter(user=user, query=query)
    existing = (others.exclude(pk=exclude) if exclude is not None else others).first()
    if existing is None:
        return {}
    return {"query": [_("You already saved this search as “%(name)s”.") % {"name": existing.name}]}


@transaction.atomic
def saved_search_create(*, user: User, name: Any, query: str, alert: Any = True) -> SavedSearch:
    errors: FieldErrors = {}
    name = _clean_name(name, errors)
    alert = _clean_alert(alert, errors)
    if SavedSearch.objects.filter(user=user).count() >= settings.SAVED_SEARCHES_MAX:
        errors["non_field_errors"] = [
            _("You can keep at most %(saved_searches_max)s saved searches; delete one to save another.")
            % {"saved_searches_max": settings.SAVED_SEARCHES_MAX}
        ]
    errors.update(_duplicate_error(user, query))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user, name=name, query=query, alert=alert, created_at=now, alert_since=now, checked_until=now
            )
    except IntegrityError as exc:
        raise ValidationError(_duplicate_error(user, query) or {"query": [_("You already saved this search.")]}) from exc


@transaction.atomic
def saved_search_update(*, saved_search: SavedSearch, changes: Mapping[str, Any]) -> SavedSearch:
    """Rename, switch the alert, or change the query (normalised by the caller)."""
    errors: FieldErrors = {}
    restart = False
    if "name" in changes:
        saved_search.name = _clean_name(changes["name"], errors)
    if "alert" in changes:
        alert = _clean_alert(changes["alert"], errors)
        restart = alert and not saved_search.alert
        saved_search.alert = alert
    if "query" in changes and changes["query"] != saved_search.query:
        saved_search.query = changes["query"]
        errors.update(_duplicate_error(saved_search.user, saved_search.query, exclude=saved_search.pk))
        restart = True
    if errors:
        raise ValidationError(errors)
    if restart:
        # Alert about what changes from now on, not about the results in front of the buyer.
        saved_search.alert_since = saved_search.checked_until = timezone.now()
    try:
        with transaction.atomic():
            saved_search.save()
    except IntegrityError as exc:
        raise ValidationError({"query": [_("You already saved this search.")]}) from exc
    return saved_search


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


@transaction.atomic
def notifications_record(
    *, saved_search_id: int, query: str, listing_ids: Iterable[int], checked_until: datetime.datetime
) -> int:
    """Record the matches found for a saved search up to `checked_until`; return how many are new.

    Idempotent: a (saved search, listing) pair notifies once at most. Matches of
    a query the buyer has changed meanwhile, of listings that are no longer
    active, that changed before the alert started, or that the buyer sells
    themselves are dropped.
    """
    saved_search = SavedSearch.objects.select_for_update().filter(pk=saved_search_id, alert=True, query=query).first()
    if saved_search is None:
        return 0
    matching = set(
        Listing.objects.filter(pk__in=list(listing_ids), status=ListingStatus.ACTIVE, updated_at__gte=saved_search.alert_since)
        .exclude(seller_id=saved_search.user_id)
        .values_list("pk", flat=True)
    )
    matching -= set(
        Notification.objects.filter(saved_search=saved_search, listing_id__in=matching).values_list("listing_id", flat=True)
    )
    Notification.objects.bulk_create(
        [Notification(user_id=saved_search.user_id, saved_search=saved_search, listing_id=pk) for pk in sorted(matching)],
        ignore_conflicts=True,
    )
    if checked_until > saved_search.checked_until:
        SavedSearch.objects.filter(pk=saved_search.pk).update(checked_until=checked_until)
    if matching:
        push_alert_record(
            user_id=saved_search.user_id, saved_search_id=saved_search.pk, name=saved_search.name, listing_ids=sorted(matching)
        )
        logger.info("alerts.notified", extra={"saved_search_id": saved_search.pk, "count": len(matching)})
    return len(matching)


def saved_searches_mark_checked(*, saved_search_ids: Iterable[int], checked_until: datetime.datetime) -> int:
    """Move the cursor of searches nothing new can match (no listing changed since)."""
    return SavedSearch.objects.filter(pk__in=list(saved_search_ids), checked_until__lt=checked_until).update(
        checked_until=checked_until
    )


MAX_READ_IDS = 1000


def notifications_mark_read(*, user: User, ids: Any = None, saved_search_id: Any = None, everything: Any = False) -> int:
    """Mark the user's notifications read: these `ids`, those of one saved
    search, or all. Ids of other users' notifications are ignored."""
    if everything is not True and ids is None and saved_search_id is None:
        raise ValidationError({"ids": ['Send the ids to mark read, a saved_search id, or "all": true.']})
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if everything is not True:
        if ids is not None:
            if (
                not isinstance(ids, list)
                or len(ids) > MAX_READ_IDS
                or not all(isinstance(item, int) and not isinstance(item, bool) for item in ids)
            ):
                raise ValidationError(
                    {"ids": [_("Send a list of at most %(max_read_ids)s notification ids.") % {"max_read_ids": MAX_READ_IDS}]}
                )
            unread = unread.filter(pk__in=ids)
        if saved_search_id is not None:
            if not isinstance(saved_search_id, int) or isinstance(saved_search_id, bool):
                raise ValidationError({"saved_search": [_("Must be the id of one of your saved searches.")]})
            unread = unread.filter(saved_search_id=saved_search_id)
    return unread.update(read_at=timezone.now())


def alert_email_settings_update(*, user: User, changes: Mapping[str, Any]) -> AlertEmailSettings:
    """Choose how alerts are e-mailed: `frequency` (instant or daily), and the
    `saved_searches`, `price_drops` and `messages` switches."""
    errors: FieldErrors = {}
    values: dict[str, Any] = {}
    if "frequency" in changes:
        if changes["frequency"] not in EmailFrequency.values:
            errors["frequency"] = [_("Must be one of: %(values)s.") % {"values": ", ".join(EmailFrequency.values)}]
        values["frequency"] = changes["frequency"]
    for name in ("saved_searches", "price_drops", "messages"):
        if name in changes:
            if isinstance(changes[name], bool):
                values[name] = changes[name]
            else:
                errors[name] = [_("Must be true or false.")]
    if errors:
        raise ValidationError(errors)
    choice, _created = AlertEmailSettings.objects.update_or_create(user=user, defaults=values)
    return choice
