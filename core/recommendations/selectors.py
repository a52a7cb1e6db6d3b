"""Reads for the recommender: a subject's weighted history, what must never be
recommended to them, the periodic job's neighbours and popularity, and the
histories the job learns from.

Favourites, messages and saved searches are read where they live; only what
happens nowhere else (views, long views, photo swipes, contact clicks) is in
Signal. Everything before a subject's `history_cleared_at` is ignored.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from core.alerts.models import SavedSearch
from core.catalog.countries import country_get
from core.favorites.models import Favorite
from core.listings.models import Listing, ListingStatus
from core.messaging.models import Conversation
from core.recommendations.models import ListingNeighbors, Signal, Subject
from core.recommendations.profile import ListingTraits
from core.recommendations.weights import CONTACT_KINDS, SIGNAL_WEIGHTS, WINDOW_DAYS, SignalKind, decayed

# The most recent signals of one subject the recommender reads.
HISTORY_LIMIT = 200


@dataclass
class Engagement:
    """All a subject did with one listing, weighed and decayed."""

    weight: float = 0.0
    kinds: set[str] = field(default_factory=set)
    last_at: datetime.datetime | None = None


def user_subject_key(user_id: int) -> str:
    return f"u:{user_id}"


def subject_get(*, key: str) -> Subject | None:
    return Subject.objects.filter(key=key).first()


def _since(subject: Subject | None, now: datetime.datetime) -> datetime.datetime:
    window = now - datetime.timedelta(days=WINDOW_DAYS)
    cleared = subject.history_cleared_at if subject is not None else None
    return max(window, cleared) if cleared else window


def _events(subject: Subject | None, user_id: int | None, now: datetime.datetime) -> Iterator[tuple[int, str, datetime.datetime]]:
    since = _since(subject, now)
    if subject is not None:
        rows = Signal.objects.filter(subject=subject, last_at__gt=since).order_by("-last_at")[:HISTORY_LIMIT]
        yield from rows.values_list("listing_id", "kind", "last_at")
    if user_id is not None:
        favorites = Favorite.objects.filter(user_id=user_id, created_at__gt=since).order_by("-created_at")[:HISTORY_LIMIT]
        for listing_id, at in favorites.values_list("listing_id", "created_at"):
            yield listing_id, SignalKind.FAVORITE, at
        conversations = Conversation.objects.filter(buyer_id=user_id, created_at__gt=since).order_by("-created_at")
        for listing_id, at in conversations[:HISTORY_LIMIT].values_list("listing_id", "created_at"):
            yield listing_id, SignalKind.MESSAGE, at


def subject_history(
    *, subject: Subject | None, user_id: int | None, now: datetime.datetime | None = None
) -> dict[int, Engagement]:
    """Listing → what the subject did with it, weighed by SIGNAL_WEIGHTS and decayed."""
    now = now or timezone.now()
    history: dict[int, Engagement] = defaultdict(Engagement)
    for listing_id, kind, at in _events(subject, user_id, now):
        engagement = history[listing_id]
        engagement.weight += decayed(SIGNAL_WEIGHTS[kind], age=now - at)
        engagement.kinds.add(kind)
        engagement.last_at = max(engagement.last_at, at) if engagement.last_at else at
    return dict(history)


def subject_contacted_ids(*, subject: Subject | None, user_id: int | None) -> set[int]:
    """Listings the subject has asked a seller about, whenever (never recommended again)."""
    ids: set[int] = set()
    if subject is not None:
        ids |= set(Signal.objects.filter(subject=subject, kind__in=CONTACT_KINDS).values_list("listing_id", flat=True))
    if user_id is not None:
        ids |= set(Conversation.objects.filter(buyer_id=user_id).values_list("listing_id", flat=True))
    return ids


def subject_saved_searches(*, subject: Subject | None, user_id: int | None) -> list[tuple[str, str]]:
    """(name, query string) of the searches the subject saved since their history was last cleared."""
    if user_id is None:
        return []
    rows = SavedSearch.objects.filter(user_id=user_id)
    if subject is not None and subject.history_cleared_at:
        rows = rows.filter(created_at__gt=subject.history_cleared_at)
    return list(rows.order_by("-created_at").values_list("name", "query")[:20])


@dataclass(frozen=True)
class ListingFacts:
    traits: ListingTraits
    # "2019 Toyota Land Cruiser" in English and Arabic, for reasons.
    name_en: str
    name_ar: str


def listing_traits(*, listing_ids: Iterable[int]) -> dict[int, ListingFacts]:
    """Listing id → its traits and names, whatever its status."""
    rows = Listing.objects.filter(pk__in=list(listing_ids)).values_list(
        "pk",
        "make__slug",
        "model__slug",
        "body_type",
        "regional_spec",
        "fuel",
        "transmission",
        "price",
        "year",
        "country",
        "make__name_en",
        "make__name_ar",
        "model__name_en",
        "model__name_ar",
    )
    return {
        pk: ListingFacts(
            # The price in its currency's minor unit, as the index holds it (search/money.py).
            ListingTraits(make, model, body, spec, fuel, gear, int(price.scaleb(country_get(country).decimals)), year, country),
            f"{year} {make_en} {model_en}",
            f"{make_ar} {model_ar} {year}",
        )
        for pk, make, model, body, spec, fuel, gear, price, year, country, make_en, make_ar, model_en, model_ar in rows
    }


def listing_active_ids(*, listing_ids: Iterable[int]) -> set[int]:
    """Which of these listings are active now (PostgreSQL, not the index: a sale is never a second late)."""
    return set(Listing.objects.filter(pk__in=list(listing_ids), status=ListingStatus.ACTIVE).values_list("pk", flat=True))


def neighbors_for(*, listing_ids: Iterable[int]) -> dict[int, list[tuple[int, float]]]:
    rows = ListingNeighbors.objects.filter(listing_id__in=list(listing_ids)).values_list("listing_id", "neighbors")
    return {listing_id: [(int(other), float(score)) for other, score in neighbors] for listing_id, neighbors in rows}


def popular_listings(*, limit: int, country: str) -> dict[int, float]:
    """The country's most popular listings by the last job run (listing id → popularity)."""
    in_country = Listing.objects.filter(country=country).values("pk")
    rows = ListingNeighbors.objects.filter(popularity__gt=0, listing_id__in=in_country).order_by("-popularity", "-listing_id")[
        :limit
    ]
    return dict(rows.values_list("listing_id", "popularity"))


def training_histories(*, now: datetime.datetime | None = None) -> list[dict[int, float]]:
    """Every subject's decayed history (listing → weight) that may be learnt
    from: subjects who turned recommendations off are left out."""
    now = now or timezone.now()
    window = now - datetime.timedelta(days=WINDOW_DAYS)
    off_users = set(Subject.objects.filter(enabled=False, user__isnull=False).values_list("user_id", flat=True))
    cleared = dict(
        Subject.objects.filter(user__isnull=False, history_cleared_at__isnull=False).values_list("user_id", "history_cleared_at")
    )
    histories: dict[tuple[str, int], dict[int, float]] = defaultdict(lambda: defaultdict(float))

    def add(owner: tuple[str, int], listing_id: int, kind: str, at: datetime.datetime) -> None:
        histories[owner][listing_id] += decayed(SIGNAL_WEIGHTS[kind], age=now - at)

    signals = Signal.objects.filter(last_at__gt=window, subject__enabled=True).values_list(
        "subject_id", "subject__user_id", "listing_id", "kind", "last_at"
    )
    for subject_id, user_id, listing_id, kind, at in signals.iterator(chunk_size=5000):
        add(("u", user_id) if user_id else ("s", subject_id), listing_id, kind, at)
    for model, owner_field, kind in ((Favorite, "user_id", SignalKind.FAVORITE), (Conversation, "buyer_id", SignalKind.MESSAGE)):
        rows = model.objects.filter(Q(created_at__gt=window)).values_list(owner_field, "listing_id", "created_at")
        for user_id, listing_id, at in rows.iterator(chunk_size=5000):
            if user_id in off_users or (user_id in cleared and at <= cleared[user_id]):
                continue
            add(("u", user_id), listing_id, kind, at)
    return [dict(history) for history in histories.values()]
