"""Buyers' search parameters (API.md, Search): parsed and validated here, so
nothing from the query string reaches the engine except as plain values.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from search.index import FACET_FIELDS
from search.money import to_minor
from search.scope import Market, market_codes, market_get

SORTS = ("relevance", "newest", "price_asc", "price_desc", "year_desc", "mileage_asc", "best_deals")
DEFAULT_PAGE_SIZE = 24
MAX_PAGE_SIZE = 100
# The engine's max_result_window (search/index.py): pages beyond it are refused.
RESULT_WINDOW = 10000
PAGE_BEYOND_WINDOW = format_lazy(
    _("Only the first {count} results can be paged through; narrow the search or change the sort."), count=f"{RESULT_WINDOW:,}"
)
MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FIELD = 30
MIN_YEAR = 1950
MAX_MILEAGE = 2_000_000
MAX_PRICE = Decimal("10000000")
FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


# Each bad parameter's messages ({name: [message, …]}), translated when shown.
ParamErrors = dict[str, list[str | Promise]]


class InvalidParams(Exception):
    def __init__(self, errors: ParamErrors) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    # Facet field → selected values (OR within a field, AND across fields).
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Range facet (year, price, mileage_km) → inclusive (low, high) in index units (price in minor units).
    ranges: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    # The one country searched (search/scope.py): its listings, in its currency.
    country: str = field(default_factory=lambda: market_get().country)
    sort: str = "newest"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # Match the words as typed: no understanding of makes, prices… (search/understanding).
    literal: bool = False

    @property
    def market(self) -> Market:
        return market_get(self.country)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def max_year() -> int:
    """The newest model year a listing (or a search) may name: next year's models are on sale."""
    return date.today().year + 1


def _single(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = [value for value in params.get(name, ()) if value.strip() != ""]
    return values[-1].strip() if values else None


def _whole(raw: str, low: int, high: int) -> int | None:
    if not re.fullmatch("[0-9]{1,9}", raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def _price_minor(raw: str, market: Market) -> int | None:
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        return None
    exponent = amount.as_tuple().exponent
    if not amount.is_finite() or amount < 0 or amount > MAX_PRICE or (isinstance(exponent, int) and exponent < -market.decimals):
        return None
    return to_minor(amount, decimals=market.decimals)


def parse_market(params: Mapping[str, Sequence[str]], errors: ParamErrors) -> Market:
    """The country searched (`country`, the default country's when absent); a bad code goes to `errors`."""
    raw = _single(params, "country")
    if raw is None:
        return market_get()
    if raw.lower() not in market_codes():
        errors["country"] = [_("Must be one of: %(values)s.") % {"values": ", ".join(market_codes())}]
        return market_get()
    return market_get(raw.lower())


# `governorate`, the place parameter's name before countries, means `region` for one release (API.md, v1.1).
PARAM_ALIASES = {"region": "governorate"}


def parse_filter_params(
    params: Mapping[str, Sequence[str]],
    *,
    allowed_values: Mapping[str, frozenset[str]],
    errors: ParamErrors,
    market: Market | None = None,
) -> tuple[str, dict[str, tuple[str, ...]], dict[str, tuple[int | None, int | None]]]:
    """The filter part (q, facet values, ranges) shared by search and analytics, within
    `market` (the default country's when not given): its regions, its currency's decimals."""
    market = market or market_get()
    q = _single(params, "q") or ""
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = [_("Must be at most %(max_query_length)s characters.") % {"max_query_length": MAX_QUERY_LENGTH}]
    elif "\x00" in q:
        errors["q"] = [_("Must not contain NUL characters.")]

    filters: dict[str, tuple[str, ...]] = {}
    for name in FACET_FIELDS:
        given = params.get(name) or params.get(PARAM_ALIASES.get(name, ""), ())
        values = tuple(dict.fromkeys(value.strip().lower() for value in given if value.strip()))
        if not values:
            continue
        if len(values) > MAX_VALUES_PER_FIELD:
            errors[name] = [_("At most %(max_values_per_field)s values.") % {"max_values_per_field": MAX_VALUES_PER_FIELD}]
            continue
        bad = [value for value in values if not SLUG.match(value)]
        allowed = market.regions if name == "region" else allowed_values.get(name)
        if allowed is not None:
            bad += [value for value in values if value not in allowed and value not in bad]
        if bad:
            unknown = {"bad": f"{bad[0][:60]!r}"}
            errors[name] = [
                _("Unknown value %(bad)s. Allowed: %(allowed)s.") % {**unknown, "allowed": ", ".join(sorted(allowed))}
                if allowed is not None
                else _("Unknown value %(bad)s.") % unknown
            ]
            continue
        filters[name] = values

    newest = max_year()
    bounds: dict[str, tuple[str | Promise, Callable[[str], int | None]]] = {
        "year": (
            _("Must be a whole number between %(min_year)s and %(newest)s.") % {"min_year": MIN_YEAR, "newest": newest},
            lambda raw: _whole(raw, MIN_YEAR, newest),
        ),
        "price": (
            _("Must be an amount in %(currency)s from 0 to 10,000,000 with at most %(decimals)s decimals.")
            % {"currency": market.currency, "decimals": market.decimals},
            lambda raw: _price_minor(raw, market),
        ),
        "mileage": (
            _("Must be a whole number of kilometres from 0 to %(max_mileage)s.") % {"max_mileage": f"{MAX_MILEAGE:,}"},
            lambda raw: _whole(raw, 0, MAX_MILEAGE),
        ),
    }
    ranges: dict[str, tuple[int | None, int | None]] = {}
    for prefix, (message, parse) in bounds.items():
        low_name, high_name = f"{prefix}_min", f"{prefix}_max"
        low_raw, high_raw = _single(params, low_name), _single(params, high_name)
        low = parse(low_raw) if low_raw is not None else None
        high = parse(high_raw) if high_raw is not None else None
        if low_raw is not None and low is None:
            errors[low_name] = [message]
        if high_raw is not None and high is None:
            errors[high_name] = [message]
        if low is not None and high is not None and low > high:
            errors[low_name] = [_("Must not be greater than %(high_name)s.") % {"high_name": high_name}]
        if (low is not None or high is not None) and low_name not in errors and high_name not in errors:
            ranges["mileage_km" if prefix == "mileage" else prefix] = (low, high)
    return q, filters, ranges


def parse_search_params(params: Mapping[str, Sequence[str]], *, allowed_values: Mapping[str, frozenset[str]]) -> SearchRequest:
    """Validate a search query string; raise InvalidParams naming each bad parameter.

    `params` maps each name to all its values (QueryDict.lists()); unknown
    names are ignored. `allowed_values` lists the valid values of enum facets.
    """
    errors: ParamErrors = {}
    market = parse_market(params, errors)
    q, filters, ranges = parse_filter_params(params, allowed_values=allowed_values, errors=errors, market=market)

    sort = _single(params, "sort") or ("relevance" if q else "newest")
    if sort not in SORTS:
        errors["sort"] = [_("Must be one of: %(values)s.") % {"values": ", ".join(SORTS)}]

    page_size = DEFAULT_PAGE_SIZE
    raw = _single(params, "page_size")
    if raw is not None:
        parsed = _whole(raw, 1, MAX_PAGE_SIZE)
        if parsed is None:
            errors["page_size"] = [_("Must be a whole number from 1 to %(max_page_size)s.") % {"max_page_size": MAX_PAGE_SIZE}]
        else:
            page_size = parsed
    page = 1
    raw = _single(params, "page")
    if raw is not None:
        parsed = _whole(raw, 1, RESULT_WINDOW)
        if parsed is None:
            # A page past the window is a whole number too: say what the limit is (page=10001).
            beyond = re.fullmatch("[0-9]+", raw) is not None and int(raw) > RESULT_WINDOW
            errors["page"] = [PAGE_BEYOND_WINDOW if beyond else _("Must be a whole number from 1.")]
        else:
            page = parsed
    if "page" not in errors and page * page_size > RESULT_WINDOW:
        errors["page"] = [PAGE_BEYOND_WINDOW]

    literal = False
    raw = _single(params, "literal")
    if raw is not None:
        if raw.lower() not in FLAGS:
            errors["literal"] = [_("Must be 1 (match the words as typed) or 0.")]
        else:
            literal = FLAGS[raw.lower()]

    if errors:
        raise InvalidParams(errors)
    return SearchRequest(
        q=q, filters=filters, ranges=ranges, sort=sort, page=page, page_size=page_size, literal=literal, country=market.country
    )
