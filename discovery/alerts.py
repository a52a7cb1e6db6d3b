"""Saved searches against the index: their query strings parsed exactly as
buyers' search parses them, and the periodic alert check that turns new
matches into notifications (docs/decisions/saved-search-alerts.md).

The check runs in a worker (discovery/tasks.py) every ALERTS_INTERVAL_SECONDS.
For each saved search with its alert on it runs the buyer's own search
(search.query.search_body) restricted to active listings whose `updated_at`
is at or after the search's cursor, minus a look-back, and hands the ids to
core.alerts.services.notifications_record, which keeps one notification per
(saved search, listing) at most. The cursor only advances to the oldest change
still waiting in the outbox, so a listing the index has not seen yet (engine
or broker down) is matched on a later run, not skipped.
"""

import datetime
import logging
import time
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from core.alerts.models import NAME_MAX, QUERY_MAX, SavedSearch
from core.alerts.selectors import saved_searches_alerting
from core.alerts.services import notifications_record, saved_searches_mark_checked
from core.catalog.countries import money_text
from core.catalog.enums import enum_allowed_values
from core.catalog.selectors import catalog_labels
from core.outbox.selectors import outbox_oldest_pending
from discovery.vocabulary import search_vocabulary
from search.engine import get_engine
from search.engines.base import EngineError, EngineUnavailable
from search.index import FACET_FIELDS, listings_alias
from search.money import minor_to_decimal
from search.params import InvalidParams, SearchRequest, max_year, parse_search_params
from search.query import ACTIVE, search_body
from search.scope import market_get
from search.understanding.parser import understand, understood_request

logger = logging.getLogger(__name__)

QUERY_EXAMPLE = "make=toyota&price_max=9000"
# Covers a transaction that committed after a later one, and the index's
# refresh interval: matches found twice are recorded once.
LOOKBACK = datetime.timedelta(minutes=2)
# A search that matches more than this many changed cars in one run is
# effectively "everything": the newest are notified, the rest are not.
MAX_MATCHES_PER_RUN = 50
# The params of a stored query, in their canonical order (API.md, Search).
RANGE_PARAMS = (("year", "year"), ("price", "price"), ("mileage_km", "mileage"))


# --- the query string --------------------------------------------------------------


def saved_query_parse(query: Any) -> SearchRequest:
    """The search a saved query string runs; ValidationError naming `query` when it is not valid."""
    if not isinstance(query, str):
        raise ValidationError(
            {"query": [_("Send the search's query string, e.g. %(query_example)s.") % {"query_example": QUERY_EXAMPLE}]}
        )
    query = query.strip()
    # A pasted address of a search page ("/search?make=toyota") is fine too.
    head, mark, tail = query.partition("?")
    if mark and "=" not in head:
        query = tail
    if len(query) > QUERY_MAX:
        raise ValidationError({"query": [_("Must be at most %(query_max)s characters.") % {"query_max": QUERY_MAX}]})
    try:
        request = parse_search_params(parse_qs(query), allowed_values=enum_allowed_values())
    except InvalidParams as exc:
        messages = [f"{name}: {message}" for name, problems in exc.errors.items() for message in problems]
        raise ValidationError({"query": messages}) from exc
    if not saved_query_string(request):
        # An empty search matches every car: its alerts would be every new listing.
        raise ValidationError({"query": [_("Choose at least one filter or some words to search for.")]})
    if request.q and not request.literal:
        # The words are understood as the search page understands them, and stored as the
        # filters they mean ("patrol under 12000" → make, model, price_max): the alert then
        # matches exactly the cars the buyer saw.
        request = understood_request(
            request, understand(request.q, search_vocabulary(), max_year=max_year(), market=request.market)
        )
    return request


def _amount(minor: int, request: SearchRequest) -> str:
    """A price bound in the search's currency, with as few decimals as it needs ("12000"),
    as saved searches have always read."""
    return format(Decimal(minor) / 10**request.market.decimals, "f")


def saved_query_string(request: SearchRequest) -> str:
    """The canonical query string of a search: known parameters only, in a fixed
    order, without paging; the same search always reads the same."""
    pairs: list[tuple[str, str]] = [("q", request.q)] if request.q else []
    if request.country != market_get().country:
        pairs.append(("country", request.country))
    for name in FACET_FIELDS:
        pairs.extend((name, value) for value in sorted(request.filters.get(name, ())))
    for name, param in RANGE_PARAMS:
        low, high = request.ranges.get(name, (None, None))
        show = (lambda minor: _amount(minor, request)) if name == "price" else str
        pairs.extend((f"{param}_{end}", show(value)) for end, value in (("min", low), ("max", high)) if value is not None)
    if request.sort != ("relevance" if request.q else "newest"):
        pairs.append(("sort", request.sort))
    if request.literal and request.q:
        pairs.append(("literal", "1"))
    return urlencode(pairs)


def saved_query_normalize(query: Any) -> str:
    return saved_query_string(saved_query_parse(query))


def saved_query_title(request: SearchRequest) -> str:
    """A name for a search saved without one, in the active language (the buyer's, as the
    API speaks to them; the alert e-mails quote it): "Toyota Land Cruiser, up to BHD 9,000",
    "تويوتا لاند كروزر، حتى 9,000 د.ب"."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    arabic = language == "ar"
    labels = catalog_labels()

    def shown(both: tuple[str, str]) -> str:
        return (both[1] or both[0]) if arabic else both[0]

    makes = request.filters.get("make", ())
    names = [shown(labels.makes.get(make, (make, make))) for make in makes]
    for model in request.filters.get("model", ()):
        found = [shown(both) for (make, slug), both in labels.models.items() if slug == model and (not makes or make in makes)]
        names.append(found[0] if found else model)
    parts = [" ".join(names)] if names else []
    if request.q:
        parts.append(f"“{request.q}”")
    year_low, year_high = request.ranges.get("year", (None, None))
    if year_low is not None or year_high is not None:
        parts.append(f"{year_low or ''}–{year_high or ''}")
    price_low, price_high = request.ranges.get("price", (None, None))
    if price_high is not None:
        parts.append(gettext("up to %(price)s") % {"price": _money(price_high, request, language)})
    elif price_low is not None:
        parts.append(gettext("from %(price)s") % {"price": _money(price_low, request, language)})
    others = sum(len(values) for name, values in request.filters.items() if name not in ("make", "model"))
    if others:
        parts.append(ngettext("+%(count)s filter", "+%(count)s filters", others) % {"count": others})
    # Arabic lists its parts with its own comma.
    return (pgettext("between the parts of a saved search's name", ", ").join(parts) or gettext("All cars"))[:NAME_MAX]


def _money(minor: int, request: SearchRequest, language: str) -> str:
    return money_text(minor_to_decimal(minor, decimals=request.market.decimals), request.market.currency, language)


# --- matching ------------------------------------------------------------------------


def alert_matches_body(request: SearchRequest, *, owner_id: int, since: datetime.datetime) -> dict[str, Any]:
    """The buyer's own search body, narrowed to listings changed since `since`
    that the buyer does not sell, newest first, ids only."""
    body = search_body(replace(request, page=1, page_size=MAX_MATCHES_PER_RUN))
    body.pop("aggs", None)
    body.update({"_source": ["id"], "track_total_hits": False, "sort": [{"updated_at": "desc"}, {"id": "desc"}]})
    query = body["query"]["bool"]
    query["filter"].append({"range": {"updated_at": {"gte": since.isoformat()}}})
    query.setdefault("must_not", []).append({"term": {"seller_id": owner_id}})
    return body


def latest_change_body() -> dict[str, Any]:
    return {"query": {"bool": {"filter": [ACTIVE]}}, "size": 1, "_source": ["updated_at"], "sort": [{"updated_at": "desc"}]}


@dataclass
class AlertRun:
    searched: int = 0  # saved searches run against the index
    skipped: int = 0  # saved searches nothing new could match
    notified: int = 0  # notifications created
    failed: int = 0  # saved searches the engine refused (retried next run)


def _latest_change(alias: str) -> datetime.datetime | None:
    hits = get_engine().search(alias, latest_change_body())["hits"]["hits"]
    return datetime.datetime.fromisoformat(hits[0]["_source"]["updated_at"]) if hits else None


def _check_one(saved_search: SavedSearch, *, alias: str, since: datetime.datetime, until: datetime.datetime) -> int:
    try:
        request = saved_query_parse(saved_search.query)
    except ValidationError:
        # A value the catalog no longer has: the buyer sees it when opening the search.
        logger.warning("alerts.query_invalid", extra={"saved_search_id": saved_search.pk})
        request = None
    ids: list[int] = []
    if request is not None:
        body = alert_matches_body(request, owner_id=saved_search.user_id, since=since)
        ids = [int(hit["_source"]["id"]) for hit in get_engine().search(alias, body)["hits"]["hits"]]
    return notifications_record(saved_search_id=saved_search.pk, query=saved_search.query, listing_ids=ids, checked_until=until)


def alerts_check(*, budget_seconds: float | None = None) -> AlertRun:
    """One run over every saved search with its alert on. Raises EngineUnavailable
    when the engine cannot be reached (nothing advances; the next run retries)."""
    started = time.monotonic()
    budget = budget_seconds if budget_seconds is not None else max(5.0, settings.ALERTS_INTERVAL_SECONDS * 0.8)
    now = timezone.now()
    oldest_pending = outbox_oldest_pending()
    # Everything changed before `until` has reached the index.
    until = min(now, oldest_pending) if oldest_pending else now
    alias = listings_alias()
    run, idle = AlertRun(), []
    try:
        latest = _latest_change(alias)
    except EngineUnavailable:
        raise
    except EngineError as exc:
        # No index yet (before the first listing) or a refusal: nothing moves.
        logger.warning("alerts.latest_change_failed", extra={"error": str(exc)})
        return run
    for saved_search in saved_searches_alerting().iterator(chunk_size=500):
        since = max(saved_search.alert_since, saved_search.checked_until - LOOKBACK)
        if latest is None or latest < since:
            idle.append(saved_search.pk)
            run.skipped += 1
            continue
        try:
            run.notified += _check_one(saved_search, alias=alias, since=since, until=until)
            run.searched += 1
        except EngineUnavailable:
            raise
        except EngineError as exc:
            logger.error("alerts.search_failed", extra={"saved_search_id": saved_search.pk, "error": str(exc)})
            run.failed += 1
        if time.monotonic() - started > budget:
            # The longest unchecked go first: the rest lead the next run.
            break
    saved_searches_mark_checked(saved_search_ids=idle, checked_until=until)
    logger.info("alerts.checked", extra=run.__dict__)
    return run
