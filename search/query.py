"""Buyers' search, built in one place: the request body and the answer.

Disjunctive facets (ARCHITECTURE.md, "Faceted search"): filters that are not
facets go in query.bool.filter; every facet selection goes in post_filter;
each facet's aggregation is wrapped in a filter of all selections but its
own, so a field's counts apply every filter but that field's own.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from search.index import FACET_FIELDS, RANGE_FIELDS
from search.money import minor_to_str
from search.params import SearchRequest
from search.scope import Market, country_filter, market_get

ACTIVE = {"term": {"status": "active"}}

# How many values a facet lists (selected values are always added).
FACET_SIZES = {"make": 100, "model": 60}
DEFAULT_FACET_SIZE = 25
MODEL_FACET_SIZE_WITH_MAKE = 300

# Range facets' buckets. Prices: Bahrain's edges in dinars; another currency's are these
# times its country's price_scale (price_buckets), so each market's cars spread alike.
PRICE_BUCKETS = (0, 2000, 4000, 6000, 8000, 10000, 15000, 20000, 30000, 50000, 100000)
MILEAGE_BUCKETS_KM = (0, 10000, 30000, 60000, 100000, 150000, 200000, 300000)

# The fields a result card needs (API.md: results).
RESULT_FIELDS = [
    "id",
    "title",
    "make",
    "model",
    "year",
    "price_minor",
    "currency",
    "country",
    "mileage_km",
    "body_type",
    "fuel",
    "transmission",
    "regional_spec",
    "region",
    "seller_type",
    "thumbnail_url",
    "created_at",
    "published_at",
    "price_drop_minor",
    "price_changed_at",
    "deal_percent",
]

# A result card: those fields, money rather than minor units (API.md: results), how long it has been listed,
# and the place under its name before countries (`governorate`, for one release).
CARD_KEYS = [
    *(key for key in RESULT_FIELDS if key not in ("price_minor", "published_at", "price_drop_minor")),
    "price",
    "price_drop",
    "days_listed",
    "governorate",
]
# A card says "price dropped" for this long after the drop.
PRICE_DROP_DAYS = 30

SORTS: dict[str, list[Any]] = {
    # A stable tie-break everywhere: equal keys order by newest, then id.
    "relevance": [{"_score": "desc"}, {"published_at": "desc"}, {"id": "desc"}],
    "newest": [{"published_at": "desc"}, {"id": "desc"}],
    "price_asc": [{"price_minor": "asc"}, {"id": "desc"}],
    "price_desc": [{"price_minor": "desc"}, {"id": "desc"}],
    "year_desc": [{"year": "desc"}, {"published_at": "desc"}, {"id": "desc"}],
    "mileage_asc": [{"mileage_km": "asc"}, {"id": "desc"}],
    # Furthest below comparable cars first; prices not rated (too few comparables, implausible) last.
    "best_deals": [{"deal_percent": {"order": "asc", "missing": "_last"}}, {"published_at": "desc"}, {"id": "desc"}],
}


def _words_and_numbers(q: str) -> tuple[str, str]:
    words = q.split()
    numbers = [word for word in words if any(char.isdigit() for char in word)]
    return " ".join(word for word in words if word not in numbers), " ".join(numbers)


def _every_word(fields: dict[str, Any], q: str, *, fuzzy: bool) -> dict[str, Any]:
    """Every word of `q` must match; with typo tolerance, words with a digit still
    match exactly, so "camry 2012" never finds 2018 cars and "lc200" never "lc300"."""
    if not fuzzy:
        return fields | {"query": q, "operator": "and"}
    words, numbers = _words_and_numbers(q)
    loose = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 20}
    parts = ([fields | {"query": words, "operator": "and"} | loose] if words else []) + (
        [fields | {"query": numbers, "operator": "and"}] if numbers else []
    )
    return parts[0] if len(parts) == 1 else {"bool": {"must": parts}}


def _match(field: str, q: str, *, fuzzy: bool) -> dict[str, Any]:
    clause = _every_word({}, q, fuzzy=fuzzy)
    if "bool" in clause:
        return {"bool": {"must": [{"match": {field: part}} for part in clause["bool"]["must"]]}}
    return {"match": {field: clause}}


def _multi_match(fields: list[str], q: str, *, fuzzy: bool, boost: float) -> dict[str, Any]:
    clause = _every_word({"fields": fields}, q, fuzzy=fuzzy)
    if "bool" in clause:
        return {"bool": {"must": [{"multi_match": part} for part in clause["bool"]["must"]], "boost": boost}}
    return {"multi_match": clause | {"boost": boost}}


def text_query(q: str, *, fuzzy: bool = False) -> dict[str, Any]:
    """Free text in English or Arabic, never parsed as query syntax.

    Typo tolerance is a second pass (search/listings.py): fuzzy matching
    first would find "petrol" cars for "patrol".
    """
    names = ["make_name_en^3", "make_name_ar^3", "model_name_en^4", "model_name_ar^4"]
    return {
        "bool": {
            "should": [
                # Every word must appear among the names, title, trim, year and labels…
                _match("all_text", q, fuzzy=fuzzy),
                # …or in the description.
                _multi_match(["description", "description.en", "description.ar"], q, fuzzy=fuzzy, boost=0.3),
                # Exact names and phrases rank first…
                {
                    "multi_match": {
                        "query": q,
                        "type": "phrase",
                        "fields": [*names, "title^2", "title.en", "title.ar"],
                        "boost": 2,
                    }
                },
                # …and a make or model's own name above an alias that is another car's name
                # (the synonyms make "land cruiser" match the Lexus LC through the alias "LC").
                {"multi_match": {"query": q, "type": "phrase", "fields": names, "analyzer": "sayara_text", "boost": 6}},
            ],
            "minimum_should_match": 1,
        }
    }


def base_query(q: str, *, country: str, fuzzy: bool = False, extra_filters: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What every buyer-facing query starts from: one country's active listings, the text."""
    query: dict[str, Any] = {"bool": {"filter": [ACTIVE, country_filter(country), *(extra_filters or [])]}}
    if q:
        query["bool"]["must"] = [text_query(q, fuzzy=fuzzy)]
    return query


def selection_clauses(request: SearchRequest, *, skip: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Filter clauses of the facet selections, but those named in `skip`."""
    clauses: list[dict[str, Any]] = []
    for name, values in request.filters.items():
        if name not in skip:
            clauses.append({"terms": {name: list(values)}})
    for name, (low, high) in request.ranges.items():
        if name not in skip:
            bounds = {key: value for key, value in (("gte", low), ("lte", high)) if value is not None}
            clauses.append({"range": {RANGE_FIELDS[name]: bounds}})
    return clauses


def facet_skip(name: str) -> frozenset[str]:
    # Make → model is a hierarchy: make counts ignore the model selection too,
    # so choosing a model never hides the other makes.
    return frozenset({"make", "model"}) if name == "make" else frozenset({name})


# A facet's aggregations under the selections it counts within (those of the other facets).
FacetPart = tuple[list[dict[str, Any]], dict[str, Any]]


def terms_facet_aggs(request: SearchRequest) -> dict[str, FacetPart]:
    aggs: dict[str, FacetPart] = {}
    for name in FACET_FIELDS:
        field = "make_model" if name == "model" else name
        size = FACET_SIZES.get(name, DEFAULT_FACET_SIZE)
        if name == "model" and request.filters.get("make"):
            size = MODEL_FACET_SIZE_WITH_MAKE
        inner: dict[str, Any] = {"top": {"terms": {"field": field, "size": size}}}
        selected = request.filters.get(name)
        if selected:
            # Selected values always come back with their counts, even beyond the top N or at 0.
            pick: dict[str, Any] = (
                {
                    "terms": {
                        "field": "make_model",
                        "include": f".*/({'|'.join(selected)})",
                        "size": MODEL_FACET_SIZE_WITH_MAKE,
                        "min_doc_count": 0,
                    }
                }
                if name == "model"
                else {"terms": {"field": field, "include": list(selected), "size": len(selected), "min_doc_count": 0}}
            )
            inner["selected"] = pick
        aggs[f"facet_{name}"] = (selection_clauses(request, skip=facet_skip(name)), inner)
    return aggs


def price_buckets(market: Market) -> tuple[int, ...]:
    """The price facet's bucket edges in `market`'s currency, major units (20,000 SAR where Bahrain has 2,000 BHD)."""
    return tuple(edge * market.price_scale for edge in PRICE_BUCKETS)


def range_facet_aggs(request: SearchRequest) -> dict[str, FacetPart]:
    unit = 10**request.market.decimals
    edges = price_buckets(request.market)
    price_ranges = [
        {"from": low * unit, **({"to": high * unit} if high else {})} for low, high in zip(edges, (*edges[1:], None), strict=True)
    ]
    mileage_ranges = [
        {"from": low, **({"to": high} if high else {})}
        for low, high in zip(MILEAGE_BUCKETS_KM, (*MILEAGE_BUCKETS_KM[1:], None), strict=True)
    ]
    bucket_aggs = {
        "year": {"histogram": {"field": "year", "interval": 1, "min_doc_count": 1}},
        "price": {"range": {"field": "price_minor", "ranges": price_ranges}},
        "mileage_km": {"range": {"field": "mileage_km", "ranges": mileage_ranges}},
    }
    return {
        f"range_{name}": (
            selection_clauses(request, skip=frozenset({name})),
            {"stats": {"stats": {"field": field}}, "buckets": bucket_aggs[name]},
        )
        for name, field in RANGE_FIELDS.items()
    }


# How a facet's own aggregations are named in a body: "facet_make__top" (a filter
# bucket "within_N" holds those that share its selections).
FACET_CHILD = "__"
WITHIN = "within_"


def facet_aggs(request: SearchRequest) -> dict[str, Any]:
    """Every facet's aggregations, those that count within the same selections
    under ONE filter bucket, and those that count within none (every facet of a
    broad search) at the top, on the query's own hits.

    The engine walks the matching documents once per filter bucket: fourteen
    buckets (one a facet) made the broad facet half cost about fourteen passes
    at 100,000 listings; grouped, a search with k facets selected costs k + 1
    at most (docs/capacity.md, "The broad facet query")."""
    groups: dict[bytes, tuple[list[dict[str, Any]], dict[str, Any]]] = {}
    for facet, (clauses, inner) in {**terms_facet_aggs(request), **range_facet_aggs(request)}.items():
        _, children = groups.setdefault(orjson.dumps(clauses), (clauses, {}))
        children.update({f"{facet}{FACET_CHILD}{child}": agg for child, agg in inner.items()})
    aggs: dict[str, Any] = {}
    for n, (clauses, children) in enumerate(groups.values()):
        if clauses:
            aggs[f"{WITHIN}{n}"] = {"filter": {"bool": {"filter": clauses}}, "aggs": children}
        else:
            aggs.update(children)
    return aggs


def facet_results(aggregations: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The answer to facet_aggs, by facet: {"facet_make": {"top": …, "selected": …}, "range_year": {…}}."""
    found: dict[str, dict[str, Any]] = {}

    def read(level: dict[str, Any]) -> None:
        for name, value in level.items():
            facet, child_of, child = name.partition(FACET_CHILD)
            if child_of:
                found.setdefault(facet, {})[child] = value
            elif name.startswith(WITHIN):
                read({key: inner for key, inner in value.items() if isinstance(inner, dict)})

    read(aggregations)
    return found


def search_body(request: SearchRequest, *, fuzzy: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "query": base_query(request.q, country=request.country, fuzzy=fuzzy),
        "sort": SORTS[request.sort],
        "from": request.offset,
        "size": request.page_size,
        "track_total_hits": True,
        "_source": RESULT_FIELDS,
        "aggs": facet_aggs(request),
    }
    post_filter = selection_clauses(request)
    if post_filter:
        body["post_filter"] = {"bool": {"filter": post_filter}}
    return body


def split_body(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The search as two requests sent together (_msearch): the hits, and the
    facets with size 0, which the engine answers from its shard request cache
    until the next refresh that changed something. Together one body took
    ~200 ms at 100,000 listings; apart, a cached answer takes a few."""
    hits = {key: value for key, value in body.items() if key != "aggs"}
    facets = {"size": 0, "track_total_hits": False, "query": body["query"], "aggs": body["aggs"]}
    return [hits, facets]


@dataclass
class SearchResult:
    count: int
    results: list[dict[str, Any]]
    # Terms facets: field → [{"value", "count", "selected"} (+ "make" for models)].
    facets: dict[str, Any]
    # True when the words matched only with typo tolerance ("camrry" → Camry).
    fuzzy: bool = False
    # What the free text was understood as (search/understanding): [{"field", "value", "text"}]…
    understood: list[dict[str, str]] = field(default_factory=list)
    # …the places of other countries it named, not filters: [{"text", "region", "country"}]…
    elsewhere: list[dict[str, str]] = field(default_factory=list)
    # …the text left to match as words…
    q: str = ""
    # …the query as corrected, when the words as typed found nothing ("camrry 2019" → "camry 2019")…
    corrected: str | None = None
    # …and when nothing matched: which understood words to drop, with how many cars that finds,
    # and the nearest cars (the nearest years, the price band just above…).
    relax: dict[str, Any] | None = None
    nearest: list[dict[str, Any]] = field(default_factory=list)
    # The search as run: the buyer's filters with the understood ones.
    searched: SearchRequest | None = None


def _days_since(moment: str | None, now: datetime) -> int | None:
    return None if not moment else max(0, (now - datetime.fromisoformat(moment)).days)


def result_card(source: dict[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    card = {key: source.get(key) for key in CARD_KEYS}
    decimals = market_get(source.get("country")).decimals
    card["price"] = minor_to_str(source["price_minor"], decimals=decimals)
    card["governorate"] = source.get("region")
    dropped_days = _days_since(source.get("price_changed_at"), now)
    recent_drop = source.get("price_drop_minor") and dropped_days is not None and dropped_days <= PRICE_DROP_DAYS
    card["price_drop"] = minor_to_str(source["price_drop_minor"], decimals=decimals) if recent_drop else None
    card["days_listed"] = _days_since(source.get("published_at"), now)
    return card


def _terms_facet(name: str, agg: dict[str, Any], selected: tuple[str, ...]) -> list[dict[str, Any]]:
    def entry(key: str, count: int) -> dict[str, Any]:
        if name == "model":
            make, _, model = key.partition("/")
            return {"value": model, "make": make, "count": count, "selected": model in selected}
        return {"value": key, "count": count, "selected": key in selected}

    entries: dict[str, dict[str, Any]] = {}
    for bucket in agg["top"]["buckets"]:
        entries[bucket["key"]] = entry(bucket["key"], bucket["doc_count"])
    for bucket in agg.get("selected", {}).get("buckets", []):
        entries.setdefault(bucket["key"], entry(bucket["key"], bucket["doc_count"]))
    listed = {item["value"] for item in entries.values()}
    for value in selected:
        if value not in listed:
            entries[value] = {"value": value, "count": 0, "selected": True, **({"make": None} if name == "model" else {})}
    return list(entries.values())


def _range_facet(name: str, agg: dict[str, Any], *, decimals: int) -> dict[str, Any]:
    stats = agg["stats"]
    money = name == "price"

    def shown(value: float | None) -> Any:
        if value is None:
            return None
        return minor_to_str(value, decimals=decimals) if money else int(value)

    buckets = []
    for bucket in agg["buckets"]["buckets"]:
        low: float | None
        high: float | None
        if name == "year":
            low = high = int(bucket["key"])
        else:
            low, high = bucket.get("from"), bucket.get("to")
            # Range aggregations' "to" is exclusive; the API's bounds are inclusive.
            high = None if high is None else high - 1
        buckets.append({"from": shown(low), "to": shown(high), "count": bucket["doc_count"]})
    return {"min": shown(stats["min"]), "max": shown(stats["max"]), "buckets": buckets}


def parse_search_response(
    request: SearchRequest, response: dict[str, Any], facets_response: dict[str, Any] | None = None
) -> SearchResult:
    """The answer of search_body, or of its two halves (split_body)."""
    aggs = facet_results((facets_response or response).get("aggregations", {}))
    facets: dict[str, Any] = {}
    for name in FACET_FIELDS:
        facets[name] = _terms_facet(name, aggs[f"facet_{name}"], request.filters.get(name, ()))
    for name in RANGE_FIELDS:
        facets[name] = _range_facet(name, aggs[f"range_{name}"], decimals=request.market.decimals)
    facets["governorate"] = facets["region"]  # its name before countries, for one release
    return SearchResult(
        count=response["hits"]["total"]["value"],
        results=[result_card(hit["_source"]) for hit in response["hits"]["hits"]],
        facets=facets,
    )
