"""Buyers' reads from the listings index: search, suggestions, similar cars."""

import re
from dataclasses import replace
from typing import Any

from search.comparables import Car, comparable_car
from search.engine import get_engine
from search.index import RANGE_FIELDS, listings_alias
from search.params import SearchRequest, max_year
from search.query import (
    ACTIVE,
    RESULT_FIELDS,
    SORTS,
    SearchResult,
    base_query,
    parse_search_response,
    result_card,
    search_body,
    selection_clauses,
    split_body,
)
from search.scope import country_filter, market_get, region_country
from search.understanding.parser import BOUNDS, Understanding, Understood, index_value, understand, understood_request
from search.understanding.rules import RELAX_ORDER
from search.understanding.text import key_of
from search.understanding.vocabulary import Vocabulary

ARABIC = re.compile(r"[\u0600-\u06FF]")
SUGGESTIONS = 8
SIMILAR = 12
# Cars shown when a search finds none (the nearest to what was asked).
NEAREST = 12


def _run(request: SearchRequest, *, fuzzy: bool) -> SearchResult:
    hits, facets = get_engine().msearch(listings_alias(), split_body(search_body(request, fuzzy=fuzzy)))
    return parse_search_response(request, hits, facets)


def listings_search(request: SearchRequest, *, vocabulary: Vocabulary | None = None) -> SearchResult:
    """The buyer's search. With a vocabulary the free text is understood first
    (search/understanding): makes, models, years, prices… become filters, and
    only the rest is matched as words. When that finds nothing, in order: the
    misspelt names are corrected ("Showing results for camry"), the words are
    matched with typo tolerance (never the numbers), and at last the answer says
    which understood words to drop and shows the nearest cars."""
    understanding = None
    if vocabulary is not None and request.q and not request.literal:
        understanding = understand(request.q, vocabulary, max_year=max_year(), market=request.market)
    effective = understood_request(request, understanding) if understanding else request
    result = _run(effective, fuzzy=False)
    if result.count == 0 and effective.q:
        corrected = _corrected(request, understanding, vocabulary) if vocabulary and understanding else None
        if corrected is not None and vocabulary is not None:
            again = understand(corrected.q, vocabulary, max_year=max_year(), market=request.market)
            retried = _run(understood_request(corrected, again), fuzzy=False)
            if retried.count:
                result, understanding, effective = retried, again, understood_request(corrected, again)
                result.corrected = corrected.q
        if result.count == 0:
            fuzzy = _run(effective, fuzzy=True)
            if fuzzy.count:
                fuzzy.fuzzy = True
                result = fuzzy
    if understanding is not None:
        result.understood = [item.as_dict() for item in understanding.items]
        result.elsewhere = [
            {"text": item.text, "region": item.value, "country": region_country(item.value)} for item in understanding.elsewhere
        ]
        if result.count == 0:
            result.relax, result.nearest = _relax(request, understanding)
    result.q, result.searched = effective.q, effective
    return result


def _corrected(request: SearchRequest, understanding: Understanding, vocabulary: Vocabulary) -> SearchRequest | None:
    """The search with each misspelt word left over replaced by the name it most likely meant."""
    q, changed = request.q, False
    for token in reversed(understanding.leftover):
        word = vocabulary.correct(token)
        if word is not None:
            q, changed = q[: token.start] + word + q[token.end :], True
    return replace(request, q=q) if changed else None


# --- nothing found: what to relax, and the nearest cars -------------------------------------


def _group(field: str) -> str:
    """The facet an understood field belongs to (price_max → price)."""
    return BOUNDS[field][0] if field in BOUNDS else field


def _without(request: SearchRequest, understanding: Understanding, drop: tuple[Understood, ...], *, text: bool) -> SearchRequest:
    kept = replace(
        understanding,
        items=tuple(item for item in understanding.items if item not in drop),
        text="" if text else understanding.text,
    )
    return understood_request(request, kept)


def _count_body(request: SearchRequest) -> dict[str, Any]:
    return {"size": 0, "track_total_hits": True, "query": _filtered_query(request)}


def _filtered_query(request: SearchRequest, extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return base_query(request.q, country=request.country, extra_filters=[*selection_clauses(request), *(extra or [])])


def _relax(request: SearchRequest, understanding: Understanding) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """Which understood words to drop so the search finds cars, and the cars it then finds.

    Candidates are the words as understood (one span at a time) and the text
    left over, tried in rules.RELAX_ORDER: the least decisive for a buyer first
    (the text, the place, the colour…), the car itself last. One _msearch counts
    them all; a second fetches the nearest cars of the first that finds any.
    """
    candidates: list[tuple[int, str, tuple[Understood, ...], bool]] = []
    if understanding.text:
        candidates.append((RELAX_ORDER.index("q"), understanding.text, (), True))
    for text, items in understanding.spans():
        rank = max(RELAX_ORDER.index(_group(item.field)) for item in items)
        candidates.append((rank, text, items, False))
    candidates.sort(key=lambda candidate: candidate[0])
    # Last resort: every understood word dropped, the buyer's own filters kept.
    everything = (len(RELAX_ORDER), request.q, understanding.items, True)
    options = [*candidates, everything] if len(candidates) > 1 else candidates
    relaxed = [_without(request, understanding, items, text=text) for _, _, items, text in options]
    counts = get_engine().msearch(listings_alias(), [_count_body(option) for option in relaxed])
    for (_, text, items, drops_text), option, answer in zip(options, relaxed, counts, strict=True):
        count = answer["hits"]["total"]["value"]
        if count:
            fields = [item.field for item in items] + (["q"] if drops_text and understanding.text else [])
            return {"text": text, "filters": fields, "count": count}, _nearest(request, option, items)
    return None, []


def _nearest(request: SearchRequest, relaxed: SearchRequest, dropped: tuple[Understood, ...]) -> list[dict[str, Any]]:
    """The relaxed search's first cars; for a dropped bound, those nearest to it:
    the price band just above a ceiling, the years next to a year."""
    size = min(request.page_size, NEAREST)
    bounds = [item for item in dropped if item.field in BOUNDS]
    fields = {BOUNDS[item.field][0] for item in bounds}
    if not bounds or len(fields) != 1 or len(bounds) != len(dropped):
        body = {"size": size, "_source": RESULT_FIELDS, "query": _filtered_query(relaxed), "sort": SORTS[relaxed.sort]}
        return [result_card(hit["_source"]) for hit in get_engine().search(listings_alias(), body)["hits"]["hits"]]
    name = fields.pop()
    index_field = RANGE_FIELDS[name]
    ends = {BOUNDS[item.field][1]: index_value(item, decimals=request.market.decimals) for item in bounds}
    low, high = ends.get(0), ends.get(1)
    sides: list[tuple[dict[str, Any], str]] = []
    if high is not None:
        sides.append(({"range": {index_field: {"gt": high}}}, "asc"))
    if low is not None:
        sides.append(({"range": {index_field: {"lt": low}}}, "desc"))
    bodies = [
        {
            "size": size,
            "_source": RESULT_FIELDS,
            "query": _filtered_query(relaxed, [clause]),
            "sort": [{index_field: order}, {"published_at": "desc"}, {"id": "desc"}],
        }
        for clause, order in sides
    ]
    hits = [hit["_source"] for answer in get_engine().msearch(listings_alias(), bodies) for hit in answer["hits"]["hits"]]

    def distance(source: dict[str, Any]) -> float:
        value = source[index_field]
        return (value - high) if high is not None and value > high else (low - value) if low is not None else 0

    hits.sort(key=distance)
    return [result_card(source) for source in hits[:size]]


def suggest_body(q: str, *, country: str, filters: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    names = {"top_hits": {"size": 1, "_source": ["make_name_en", "make_name_ar", "model_name_en", "model_name_ar"]}}
    query: dict[str, Any] = {"bool": {"filter": [ACTIVE, country_filter(country), *(filters or [])]}}
    if q:
        query["bool"]["must"] = [{"match": {"suggest": {"query": q, "operator": "and", "fuzziness": "AUTO", "prefix_length": 1}}}]
    return {
        "size": 0,
        "query": query,
        "aggs": {
            "makes": {"terms": {"field": "make", "size": 3}, "aggs": {"names": names}},
            "models": {"terms": {"field": "make_model", "size": SUGGESTIONS}, "aggs": {"names": names}},
        },
    }


def _folded(text: str) -> str:
    return " ".join(key_of(text))


def listings_suggest(q: str, *, country: str | None = None, vocabulary: Vocabulary | None = None) -> list[dict[str, Any]]:
    """Makes and models matching what the buyer is typing, with active counts.

    The text is understood as a search is ("toyota under 5k la" → Toyota,
    price ≤ 5000, typing "la"): the makes and models offered are those of the
    understood filters, counted under them, and each suggestion carries the
    understood filters in `params`, so picking it runs that whole search.
    The text is in the language of the query (Arabic letters → Arabic names);
    both names are returned as well. Counts are of one country's cars (the default country's without one).
    """
    q = q.strip()
    if not q:
        return []
    request = SearchRequest(q=q, country=market_get(country).country)
    understanding = understand(q, vocabulary, max_year=max_year(), market=request.market) if vocabulary is not None else None
    if understanding is not None:
        request = understood_request(request, understanding)
    typing = request.q
    aggs = get_engine().search(
        listings_alias(), suggest_body(typing, country=request.country, filters=selection_clauses(request))
    )["aggregations"]
    lang = "ar" if ARABIC.search(q) else "en"
    params: dict[str, list[str]] = {}
    said: list[str] = []
    for text, items in understanding.spans() if understanding else []:
        others = [item for item in items if item.field not in ("make", "model")]
        for item in others:
            params.setdefault(item.field, []).append(item.value)
        if others:
            said.append(text)
    extra = f" {' '.join(said)}" if said else ""

    def suggestion(text_en: str, text_ar: str, make: str, model: str | None, count: int) -> dict[str, Any]:
        picked = {"make": [make], **({"model": [model]} if model else {})}
        return {
            "text": (text_ar if lang == "ar" else text_en) + extra,
            "text_en": text_en,
            "text_ar": text_ar,
            "make": make,
            "model": model,
            "count": count,
            "params": picked | params,
        }

    understood_makes = request.filters.get("make", ())
    out: list[dict[str, Any]] = []
    for bucket in aggs["makes"]["buckets"]:
        source = bucket["names"]["hits"]["hits"][0]["_source"]
        name = source[f"make_name_{lang}"]
        # A make is suggested on its own only when the buyer is typing (or has typed) its name.
        typed = bool(typing) and (_folded(name).startswith(_folded(typing)) or _folded(typing).startswith(_folded(name)))
        if typed or (not typing and bucket["key"] in understood_makes and not request.filters.get("model")):
            out.append(suggestion(source["make_name_en"], source["make_name_ar"], bucket["key"], None, bucket["doc_count"]))
    for bucket in aggs["models"]["buckets"]:
        source = bucket["names"]["hits"]["hits"][0]["_source"]
        make, _, model = bucket["key"].partition("/")
        out.append(
            suggestion(
                f"{source['make_name_en']} {source['model_name_en']}",
                f"{source['make_name_ar']} {source['model_name_ar']}",
                make,
                model,
                bucket["doc_count"],
            )
        )
    return out[:SUGGESTIONS]


def similar_body(
    *,
    listing_id: int,
    make: str,
    model: str,
    body_type: str,
    year: int,
    price_minor: int,
    country: str,
    mileage_km: int | None = None,
) -> dict[str, Any]:
    """Active cars like this one, in its country: its comparables (search/comparables.py) first,
    then cars of its make, body type and price band."""
    car = Car(make=make, model=model, year=year, mileage_km=mileage_km)
    return {
        "size": SIMILAR,
        "_source": RESULT_FIELDS,
        "query": {
            "bool": {
                "filter": [ACTIVE, country_filter(country)],
                "must_not": [{"term": {"id": listing_id}}],
                "should": [
                    # "must", not "filter": a filter-only bool scores nothing, whatever its boost.
                    {"bool": {"must": comparable_car(car), "boost": 6}},
                    {"term": {"make_model": {"value": f"{make}/{model}", "boost": 2}}},
                    {"term": {"make": {"value": make, "boost": 2}}},
                    {"term": {"body_type": {"value": body_type, "boost": 1.5}}},
                    {"range": {"price_minor": {"gte": int(price_minor * 0.75), "lte": int(price_minor * 1.25), "boost": 1.5}}},
                ],
                "minimum_should_match": 2,
            }
        },
        "sort": [{"_score": "desc"}, {"published_at": "desc"}, {"id": "desc"}],
    }


def listings_similar(
    *,
    listing_id: int,
    make: str,
    model: str,
    body_type: str,
    year: int,
    price_minor: int,
    country: str,
    mileage_km: int | None = None,
) -> list[dict[str, Any]]:
    body = similar_body(
        listing_id=listing_id,
        make=make,
        model=model,
        body_type=body_type,
        year=year,
        price_minor=price_minor,
        country=country,
        mileage_km=mileage_km,
    )
    response = get_engine().search(listings_alias(), body)
    return [result_card(hit["_source"]) for hit in response["hits"]["hits"]]


__all__ = ["SearchRequest", "base_query", "listings_search", "listings_similar", "listings_suggest"]
