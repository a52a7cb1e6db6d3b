"""The engine's part of recommendations (core/recommendations decides what to
ask): listings matching a buyer's content profile, the listings that
collaborative filtering and popularity proposed, and the newest ones for a
buyer nothing is known of. One _msearch of the candidates' traits per
recommendation list, then one for the cards of the page shown.

A profile arrives as search filters (search/params.py) with a weight per
value; a listing's content score is the sum of the weights it matches
(profile_score), so rare makes earn no IDF bonus. Every list is of one
country's listings, as a search is (search/scope.py).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from search.engine import get_engine
from search.index import FACET_FIELDS, RANGE_FIELDS, listings_alias
from search.query import ACTIVE, RESULT_FIELDS, SORTS
from search.scope import country_filter

# How much matching each part of a profile is worth (the benchmark's table shows the effect).
FIELD_IMPORTANCE = {"model": 3.0, "make": 2.0, "body_type": 2.0, "regional_spec": 0.7, "fuel": 0.5, "transmission": 0.5}
RANGE_IMPORTANCE = {"price": 2.5, "year": 1.0}
CANDIDATE_FIELDS = list(dict.fromkeys([*RESULT_FIELDS, "drivetrain", "seller_id"]))
# What ranking reads of a candidate, from doc values: a list ranks a few hundred
# candidates to show a page of them, and reading these columns costs the engine
# far less than decompressing each candidate's _source (docs/capacity.md).
TRAIT_FIELDS = ["id", "country", *FACET_FIELDS, *RANGE_FIELDS.values()]
TRAITS_ONLY = {"_source": False, "docvalue_fields": TRAIT_FIELDS}


def _field(name: str) -> str:
    return "make_model" if name == "model" else name


def _exclusions(exclude_ids: Sequence[int], seller_id: int | None) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = []
    if exclude_ids:
        clauses.append({"ids": {"values": [str(listing_id) for listing_id in exclude_ids]}})
    if seller_id is not None:
        clauses.append({"term": {"seller_id": seller_id}})
    return clauses


def profile_body(
    *,
    terms: Mapping[str, Mapping[str, float]],
    ranges: Mapping[str, tuple[int | None, int | None]],
    exclude_ids: Sequence[int],
    seller_id: int | None,
    size: int,
    country: str,
) -> dict[str, Any]:
    """The newest active listings of the country that match something of the profile, within its price band.

    The engine filters and sorts (cached filters, no scoring: at 100,000
    listings scoring every SUV took several times longer); profile_score ranks
    the few hundred it returns by how much of the profile each matches.
    """
    matches = [{"term": {_field(name): value}} for name, values in terms.items() for value in values]
    clauses: list[dict[str, Any]] = [ACTIVE, country_filter(country)]
    if matches:
        clauses.append({"bool": {"should": matches, "minimum_should_match": 1}})
    low, high = ranges.get("price", (None, None))
    bounds = {key: value for key, value in (("gte", low), ("lte", high)) if value is not None}
    if bounds:
        clauses.append({"range": {RANGE_FIELDS["price"]: bounds}})
    return {
        "size": size,
        **TRAITS_ONLY,
        "track_total_hits": False,
        "query": {"bool": {"filter": clauses, "must_not": _exclusions(exclude_ids, seller_id)}},
        "sort": SORTS["newest"],
    }


def profile_score(
    source: Mapping[str, Any], *, terms: Mapping[str, Mapping[str, float]], ranges: Mapping[str, tuple[int | None, int | None]]
) -> float:
    """How much of the profile a listing (an index document) matches: the sum
    of each matching value's share × its field's importance, and of each range it falls in."""
    score = 0.0
    for name, values in terms.items():
        value = f"{source['make']}/{source['model']}" if name == "model" else source.get(name)
        score += values.get(str(value), 0.0) * FIELD_IMPORTANCE.get(name, 0.5)
    for name, (low, high) in ranges.items():
        value = source.get(RANGE_FIELDS[name])
        if value is not None and (low is None or value >= low) and (high is None or value <= high):
            score += RANGE_IMPORTANCE.get(name, 0.5)
    return score


def ids_body(*, ids: Sequence[int], seller_id: int | None, country: str, traits_only: bool = False) -> dict[str, Any]:
    """The active ones of these listings in the country (not the buyer's own): their cards, or only their traits."""
    ids_clause = {"ids": {"values": [str(i) for i in ids]}}
    return {
        "size": len(ids),
        **(TRAITS_ONLY if traits_only else {"_source": CANDIDATE_FIELDS}),
        "query": {"bool": {"filter": [ACTIVE, country_filter(country), ids_clause], "must_not": _exclusions((), seller_id)}},
    }


def newest_body(*, exclude_ids: Sequence[int], seller_id: int | None, size: int, country: str) -> dict[str, Any]:
    return {
        "size": size,
        **TRAITS_ONLY,
        "query": {"bool": {"filter": [ACTIVE, country_filter(country)], "must_not": _exclusions(exclude_ids, seller_id)}},
        "sort": SORTS["newest"],
    }


def recommendation_candidates(bodies: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each body's hits (their sources), in one round trip; an empty body list asks nothing."""
    if not bodies:
        return []
    responses = get_engine().msearch(listings_alias(), list(bodies))
    return [[_document(hit) for hit in response["hits"]["hits"]] for response in responses]


def _document(hit: Mapping[str, Any]) -> dict[str, Any]:
    """A hit as a document: its _source, or its doc values (TRAITS_ONLY), one value a field."""
    if "fields" in hit:
        return {name: values[0] for name, values in hit["fields"].items()}
    return hit["_source"]
