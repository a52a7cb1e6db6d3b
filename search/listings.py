"""Buyers' reads from the listings index: search, suggestions, similar cars."""

import re
from typing import Any

from search.engine import get_engine
from search.index import listings_alias
from search.params import SearchRequest
from search.query import (
    ACTIVE,
    RESULT_FIELDS,
    SearchResult,
    base_query,
    parse_search_response,
    result_card,
    search_body,
    split_body,
)

ARABIC = re.compile(r"[\u0600-\u06FF]")
SUGGESTIONS = 8
SIMILAR = 12


def _run(request: SearchRequest, *, fuzzy: bool) -> SearchResult:
    hits, facets = get_engine().msearch(listings_alias(), split_body(search_body(request, fuzzy=fuzzy)))
    return parse_search_response(request, hits, facets)


def listings_search(request: SearchRequest) -> SearchResult:
    """Exact words first; only when they find nothing, the same search with typo tolerance."""
    result = _run(request, fuzzy=False)
    if request.q and result.count == 0:
        fuzzy = _run(request, fuzzy=True)
        if fuzzy.count:
            fuzzy.fuzzy = True
            return fuzzy
    return result


def suggest_body(q: str) -> dict[str, Any]:
    names = {"top_hits": {"size": 1, "_source": ["make_name_en", "make_name_ar", "model_name_en", "model_name_ar"]}}
    return {
        "size": 0,
        "query": {
            "bool": {
                "filter": [ACTIVE],
                "must": [{"match": {"suggest": {"query": q, "operator": "and", "fuzziness": "AUTO", "prefix_length": 1}}}],
            }
        },
        "aggs": {
            "makes": {"terms": {"field": "make", "size": 3}, "aggs": {"names": names}},
            "models": {"terms": {"field": "make_model", "size": SUGGESTIONS}, "aggs": {"names": names}},
        },
    }


def _folded(text: str) -> str:
    return " ".join(text.lower().replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").split())


def listings_suggest(q: str) -> list[dict[str, Any]]:
    """Makes and models matching what the buyer is typing, with active counts.

    The text is in the language of the query (Arabic letters → Arabic names);
    both names are returned as well.
    """
    q = q.strip()
    if not q:
        return []
    aggs = get_engine().search(listings_alias(), suggest_body(q))["aggregations"]
    lang = "ar" if ARABIC.search(q) else "en"
    out: list[dict[str, Any]] = []
    for bucket in aggs["makes"]["buckets"]:
        source = bucket["names"]["hits"]["hits"][0]["_source"]
        name = source[f"make_name_{lang}"]
        # A make is suggested on its own only when the buyer is typing its name.
        if _folded(name).startswith(_folded(q)) or _folded(q).startswith(_folded(name)):
            out.append(
                {
                    "text": name,
                    "text_en": source["make_name_en"],
                    "text_ar": source["make_name_ar"],
                    "make": bucket["key"],
                    "model": None,
                    "count": bucket["doc_count"],
                }
            )
    for bucket in aggs["models"]["buckets"]:
        source = bucket["names"]["hits"]["hits"][0]["_source"]
        make, _, model = bucket["key"].partition("/")
        out.append(
            {
                "text": f"{source[f'make_name_{lang}']} {source[f'model_name_{lang}']}",
                "text_en": f"{source['make_name_en']} {source['model_name_en']}",
                "text_ar": f"{source['make_name_ar']} {source['model_name_ar']}",
                "make": make,
                "model": model,
                "count": bucket["doc_count"],
            }
        )
    return out[:SUGGESTIONS]


def similar_body(*, listing_id: int, make: str, model: str, body_type: str, year: int, price_fils: int) -> dict[str, Any]:
    return {
        "size": SIMILAR,
        "_source": RESULT_FIELDS,
        "query": {
            "bool": {
                "filter": [ACTIVE],
                "must_not": [{"term": {"id": listing_id}}],
                "should": [
                    {"term": {"make_model": {"value": f"{make}/{model}", "boost": 5}}},
                    {"term": {"make": {"value": make, "boost": 2}}},
                    {"term": {"body_type": {"value": body_type, "boost": 1.5}}},
                    {"range": {"year": {"gte": year - 2, "lte": year + 2, "boost": 1}}},
                    {"range": {"price_fils": {"gte": int(price_fils * 0.75), "lte": int(price_fils * 1.25), "boost": 1.5}}},
                ],
                "minimum_should_match": 2,
            }
        },
        "sort": [{"_score": "desc"}, {"published_at": "desc"}, {"id": "desc"}],
    }


def listings_similar(
    *, listing_id: int, make: str, model: str, body_type: str, year: int, price_fils: int
) -> list[dict[str, Any]]:
    body = similar_body(listing_id=listing_id, make=make, model=model, body_type=body_type, year=year, price_fils=price_fils)
    response = get_engine().search(listings_alias(), body)
    return [result_card(hit["_source"]) for hit in response["hits"]["hits"]]


__all__ = ["SearchRequest", "base_query", "listings_search", "listings_similar", "listings_suggest"]
