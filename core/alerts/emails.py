"""Alerts by e-mail (issue 18): new matches of saved searches and price drops on
favourites, as they happen or in a daily digest, as each user chose
(AlertEmailSettings; no row means instant, both on). In the user's language;
every e-mail carries a one-click unsubscribe link and the List-Unsubscribe
headers (core/alerts/unsubscribe.py). discovery/alert_emails.py runs this every
ALERT_EMAILS_SECONDS and gives the digest its "Recommended for you" listings.

Each alert goes out once: its row is locked and marked `emailed_at` in the
transaction that sends, so a refused send rolls the mark back and the next run
retries, and two runs never send the same alert twice.
"""

import datetime
import logging
import smtplib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.accounts.models import User
from core.alerts.models import AlertEmailSettings, EmailFrequency, Notification, PriceDrop
from core.alerts.unsubscribe import Topic, unsubscribe_headers, unsubscribe_label, unsubscribe_url
from core.catalog.countries import DEFAULT_COUNTRY, money_text
from core.favorites.models import Favorite
from core.listings.models import Listing, ListingStatus

logger = logging.getLogger(__name__)

# Alerts older than this when first seen (after an outage, or a switch from
# daily to instant) are not worth an e-mail any more: the app shows them.
NOT_OLDER_THAN = datetime.timedelta(days=3)
# Cars listed in one e-mail; the link to the search shows the rest.
MAX_LISTINGS = 10
RECOMMENDED_IN_DIGEST = 4
BATCH = 200

SEND_ERRORS = (smtplib.SMTPException, OSError)


def email_settings_for(user: User) -> AlertEmailSettings:
    """The user's choices (the defaults, unsaved, when they never chose)."""
    return AlertEmailSettings.objects.filter(user=user).first() or AlertEmailSettings(user=user)


def price_text(amount: Decimal | str, currency: str) -> str:
    """ "BHD 9,500", "BHD 9,500.250", "SAR 85,000.50" or "85,000.50 ر.س": in the listing's
    currency, in the active language (the e-mail's reader's)."""
    return money_text(amount, currency, translation.get_language() or settings.LANGUAGE_CODE)


# The web app's pages of a country (/sa/search, /sa/listings/7; frontend/src/lib/country.ts):
# a bare address would open in the reader's own country, not the car's or the search's.
def listing_url(listing_id: int, country: str | None) -> str:
    return f"{settings.SITE_URL}/{country or DEFAULT_COUNTRY}/listings/{listing_id}"


def search_url(query: str) -> str:
    """A saved search's page, in its country: its query names one unless it is Bahrain's."""
    pairs = parse_qsl(query, keep_blank_values=True)
    country = next((value for name, value in pairs if name == "country"), DEFAULT_COUNTRY)
    rest = urlencode([(name, value) for name, value in pairs if name != "country"])
    return f"{settings.SITE_URL}/{country}/search" + (f"?{rest}" if rest else "")


def _car(listing: Listing) -> dict[str, Any]:
    return {
        "title": listing.title,
        "price": price_text(listing.price, listing.currency),
        "url": listing_url(listing.pk, listing.country),
        "year": listing.year,
    }


# --- what is due -----------------------------------------------------------------------


def _wants(topic_field: str, frequency: EmailFrequency) -> Q:
    """Users whose settings say e-mail this kind of alert at this frequency (no row: instant, on)."""
    chose = Q(**{f"user__alert_email_settings__{topic_field}": True, "user__alert_email_settings__frequency": frequency})
    if frequency == EmailFrequency.INSTANT:
        return chose | Q(user__alert_email_settings__isnull=True)
    return chose


def _unsent_matches(now: datetime.datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(
        emailed_at__isnull=True,
        read_at__isnull=True,
        created_at__gte=now - NOT_OLDER_THAN,
        saved_search__alert=True,
        listing__status=ListingStatus.ACTIVE,
        user__is_active=True,
    )


def _unsent_drops(now: datetime.datetime) -> QuerySet[PriceDrop]:
    return PriceDrop.objects.filter(
        emailed_at__isnull=True, created_at__gte=now - NOT_OLDER_THAN, listing__status=ListingStatus.ACTIVE, user__is_active=True
    )


def price_drops_record(*, now: datetime.datetime | None = None) -> int:
    """Record a price drop for every favourite now cheaper than when it was
    saved, once per price (idempotent); returns how many are new."""
    now = now or timezone.now()
    favourites = (
        Favorite.objects.filter(
            listing__status=ListingStatus.ACTIVE,
            listing__price__lt=F("saved_price"),
            listing__price_changed_at__gte=now - NOT_OLDER_THAN,
            listing__price_changed_at__gt=F("created_at"),
        )
        .exclude(user_id=F("listing__seller_id"))
        .values_list("user_id", "listing_id", "listing__price", "saved_price")
    )
    drops = [
        PriceDrop(user_id=user_id, listing_id=listing_id, price=price, saved_price=saved, created_at=now)
        for user_id, listing_id, price, saved in favourites
    ]
    PriceDrop.objects.bulk_create(drops, ignore_conflicts=True, batch_size=BATCH)
    # bulk_create with ignore_conflicts cannot say which were new: the new carry `now`.
    new = PriceDrop.objects.filter(created_at=now).count() if drops else 0
    if new:
        logger.info("alerts.price_drops_recorded", extra={"count": new})
    return new


# --- the e-mail -------------------------------------------------------------------------


@dataclass
class Section:
    """One block of an alert e-mail: a heading, the cars, and a link to see more."""

    heading: str
    cars: list[dict[str, Any]]
    more_url: str = ""
    more_label: str = ""


def alert_email(*, user: User, topic: Topic, subject: str, intro: str, sections: list[Section]) -> EmailMultiAlternatives:
    """Render in the language active at the call (the caller's translation.override)."""
    unsubscribe = unsubscribe_url(user_id=user.pk, topic=topic)
    context = {
        "language": translation.get_language(),
        "direction": "rtl" if translation.get_language_bidi() else "ltr",
        "name": user.display_name,
        "intro": intro,
        "sections": sections,
        "unsubscribe_url": unsubscribe,
        "unsubscribe_label": unsubscribe_label(topic),
    }
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("alerts/email/alert.txt", context),
        to=[user.email],
        headers=unsubscribe_headers(unsubscribe),
    )
    email.attach_alternative(render_to_string("alerts/email/alert.html", context), "text/html")
    return email


def _matches_section(saved_search_name: str, query: str, listings: list[Listing], total: int) -> Section:
    heading = ngettext("%(count)s new car for “%(name)s”", "%(count)s new cars for “%(name)s”", total) % {
        "count": total,
        "name": saved_search_name,
    }
    return Section(
        heading=heading,
        cars=[_car(listing) for listing in listings[:MAX_LISTINGS]],
        more_url=search_url(query),
        more_label=_("See the search"),
    )


def _drops_section(drops: list[PriceDrop]) -> Section:
    cars = [
        {
            **_car(drop.listing),
            "note": _("was %(saved_price)s when you saved it")
            % {"saved_price": price_text(drop.saved_price, drop.listing.currency)},
        }
        for drop in drops[:MAX_LISTINGS]
    ]
    return Section(
        heading=_("Price drops on your favourites"),
        cars=cars,
        more_url=f"{settings.SITE_URL}/account/favorites",
        more_label=_("See my favourites"),
    )


def _send_locked(
    *, user: User, rows: QuerySet[Any], build: Callable[[list[Any]], EmailMultiAlternatives | None], now: datetime.datetime
) -> bool:
    """Lock the still-unsent rows, build and send their e-mail, mark them sent, in one transaction."""
    with transaction.atomic():
        locked = list(rows.select_for_update(of=("self",), skip_locked=True).filter(emailed_at__isnull=True))
        if not locked:
            return False
        email = build(locked)
        if email is None:
            return False
        rows.model.objects.filter(pk__in=[row.pk for row in locked]).update(emailed_at=now)
        # Sent inside the transaction: a refused send rolls the marks back.
        email.send()
    return True


def _send_matches(*, user: User, saved_search_id: int, now: datetime.datetime) -> bool:
    rows = (
        _unsent_matches(now)
        .filter(user=user, saved_search_id=saved_search_id)
        .select_related("saved_search", "listing")
        .order_by("-created_at", "-id")
    )

    def build(locked: list[Notification]) -> EmailMultiAlternatives:
        saved_search = locked[0].saved_search
        with translation.override(user.language):
            subject = ngettext("A new car matches “%(name)s”", "%(count)s new cars match “%(name)s”", len(locked)) % {
                "count": len(locked),
                "name": saved_search.name,
            }
            section = _matches_section(saved_search.name, saved_search.query, [n.listing for n in locked], len(locked))
            return alert_email(user=user, topic=Topic.SAVED_SEARCHES, subject=subject, intro="", sections=[section])

    return _send_locked(user=user, rows=rows, build=build, now=now)


def _send_drops(*, user: User, now: datetime.datetime) -> bool:
    rows = _unsent_drops(now).filter(user=user).select_related("listing").order_by("-created_at", "-id")

    def build(locked: list[PriceDrop]) -> EmailMultiAlternatives:
        with translation.override(user.language):
            if len(locked) == 1:
                subject = _("Price drop: %(title)s is now %(price)s") % {
                    "title": locked[0].listing.title,
                    "price": price_text(locked[0].price, locked[0].listing.currency),
                }
            else:
                subject = _("%(count)s of your favourites are cheaper now") % {"count": len(locked)}
            return alert_email(user=user, topic=Topic.PRICE_DROPS, subject=subject, intro="", sections=[_drops_section(locked)])

    return _send_locked(user=user, rows=rows, build=build, now=now)


def _attempt(send: Callable[..., bool], **kwargs: Any) -> int:
    try:
        return int(send(**kwargs))
    except SEND_ERRORS as exc:
        logger.warning("alerts.email_failed", extra={"user_id": kwargs["user"].pk, "error": str(exc)})
        return 0


def instant_emails_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail every new match (one e-mail per saved search) and price drop of
    users who want them as they happen; returns how many e-mails were sent."""
    now = now or timezone.now()
    users: dict[int, User] = {}

    def user_of(user_id: int) -> User:
        if user_id not in users:
            users[user_id] = User.objects.get(pk=user_id)
        return users[user_id]

    sent = 0
    due = _unsent_matches(now).filter(_wants("saved_searches", EmailFrequency.INSTANT))
    for user_id, saved_search_id in due.values_list("user_id", "saved_search_id").distinct().order_by()[:BATCH]:
        sent += _attempt(_send_matches, user=user_of(user_id), saved_search_id=saved_search_id, now=now)
    drops = _unsent_drops(now).filter(_wants("price_drops", EmailFrequency.INSTANT))
    for user_id in drops.values_list("user_id", flat=True).distinct().order_by()[:BATCH]:
        sent += _attempt(_send_drops, user=user_of(user_id), now=now)
    return sent


# --- the daily digest -------------------------------------------------------------------


def _digest_time(now: datetime.datetime) -> datetime.datetime:
    """The latest moment at or before `now` at which digests go out (ALERT_DIGEST_HOUR, UTC)."""
    today = now.replace(hour=settings.ALERT_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return today if today <= now else today - datetime.timedelta(days=1)


def digests_due(*, now: datetime.datetime) -> list[User]:
    """Users on the daily digest not sent one since the last digest time, with something new to tell."""
    since = _digest_time(now)
    daily = AlertEmailSettings.objects.filter(frequency=EmailFrequency.DAILY).filter(
        Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lt=since)
    )
    matches = _unsent_matches(now).filter(user__alert_email_settings__saved_searches=True).values("user_id")
    drops = _unsent_drops(now).filter(user__alert_email_settings__price_drops=True).values("user_id")
    user_ids = daily.filter(Q(user_id__in=matches) | Q(user_id__in=drops)).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("id")[:BATCH])


def digest_send(*, user: User, now: datetime.datetime, recommended: Callable[[User], Iterable[Mapping[str, Any]]]) -> bool:
    """One user's digest: their new matches by saved search, their price drops,
    and `recommended(user)`'s first cars (result cards)."""
    choice = email_settings_for(user)
    with transaction.atomic():
        choice = AlertEmailSettings.objects.select_for_update().get(pk=choice.pk)
        if choice.digest_sent_at is not None and choice.digest_sent_at >= _digest_time(now):
            return False  # another run sent it
        matches = (
            list(_unsent_matches(now).filter(user=user).select_related("saved_search", "listing").order_by("-created_at", "-id"))
            if choice.saved_searches
            else []
        )
        drops = (
            list(_unsent_drops(now).filter(user=user).select_related("listing").order_by("-created_at", "-id"))
            if choice.price_drops
            else []
        )
        if not matches and not drops:
            return False
        shown = {n.listing_id for n in matches} | {d.listing_id for d in drops}
        cards = [card for card in recommended(user) if int(card["id"]) not in shown][:RECOMMENDED_IN_DIGEST]
        with translation.override(user.language):
            sections = []
            by_search: dict[int, list[Notification]] = {}
            for notification in matches:
                by_search.setdefault(notification.saved_search_id, []).append(notification)
            for group in by_search.values():
                search = group[0].saved_search
                sections.append(_matches_section(search.name, search.query, [n.listing for n in group], len(group)))
            if drops:
                sections.append(_drops_section(drops))
            if cards:
                sections.append(
                    Section(
                        heading=_("Recommended for you"),
                        cars=[
                            {
                                "title": c["title"],
                                "price": price_text(c["price"], c["currency"]),
                                "url": listing_url(int(c["id"]), c.get("country")),
                                "year": c.get("year"),
                            }
                            for c in cards
                        ],
                        more_url=f"{settings.SITE_URL}/",
                        more_label=_("More cars for you"),
                    )
                )
            count = len(matches) + len(drops)
            subject = ngettext("Your Sayara digest: %(count)s update", "Your Sayara digest: %(count)s updates", count) % {
                "count": count
            }
            email = alert_email(
                user=user,
                topic=Topic.DIGEST,
                subject=subject,
                intro=_("Here is what changed since yesterday."),
                sections=sections,
            )
        Notification.objects.filter(pk__in=[n.pk for n in matches]).update(emailed_at=now)
        PriceDrop.objects.filter(pk__in=[d.pk for d in drops]).update(emailed_at=now)
        AlertEmailSettings.objects.filter(pk=choice.pk).update(digest_sent_at=now)
        email.send()
    return True


def digests_send(*, now: datetime.datetime | None = None, recommended: Callable[[User], Iterable[Mapping[str, Any]]]) -> int:
    now = now or timezone.now()
    return sum(_attempt(digest_send, user=user, now=now, recommended=recommended) for user in digests_due(now=now))
