"""The engine's part of recommendations (core/recommendations decides what to
ask): listings matching a buyer's content profile, the listings that
collaborative filtering and popularity proposed, and the newest ones for a
buyer nothing is known of. One _msearch per recommendation list.

A profile arrives as search filters (search/params.py) with a weight per
value; each value is a constant-score clause, so a listing's score is the sum
of the weights it matches (rare makes earn no IDF bonus).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from search.engine import get_engine
from search.index import RANGE_FIELDS, listings_alias
from search.query import ACTIVE, RESULT_FIELDS, SORTS

# How much matching each part of a profile is worth (the benchmark's table shows the effect).
FIELD_IMPORTANCE = {"model": 3.0, "make": 2.0, "body_type": 2.0, "regional_spec": 0.7, "fuel": 0.5, "transmission": 0.5}
RANGE_IMPORTANCE = {"price": 2.5, "year": 1.0}
CANDIDATE_FIELDS = list(dict.fromkeys([*RESULT_FIELDS, "drivetrain", "seller_id"]))


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
) -> dict[str, Any]:
    """Active listings scored by how much of the profile they match, newest first among equals."""
    should: list[dict[str, Any]] = []
    for name, values in terms.items():
        for value, share in values.items():
            should.append(
                {"constant_score": {"filter": {"term": {_field(name): value}}, "boost": share * FIELD_IMPORTANCE.get(name, 0.5)}}
            )
    for name, (low, high) in ranges.items():
        bounds = {key: value for key, value in (("gte", low), ("lte", high)) if value is not None}
        if bounds:
            should.append(
                {"constant_score": {"filter": {"range": {RANGE_FIELDS[name]: bounds}}, "boost": RANGE_IMPORTANCE.get(name, 0.5)}}
            )
    return {
        "size": size,
        "_source": CANDIDATE_FIELDS,
        "query": {
            "bool": {
                "filter": [ACTIVE],
                "must_not": _exclusions(exclude_ids, seller_id),
                "should": should,
                "minimum_should_match": 1 if should else 0,
            }
        },
        "sort": SORTS["relevance"],
    }


def ids_body(*, ids: Sequence[int], seller_id: int | None) -> dict[str, Any]:
    """The active ones of these listings (not the buyer's own)."""
    return {
        "size": len(ids),
        "_source": CANDIDATE_FIELDS,
        "query": {
            "bool": {"filter": [ACTIVE, {"ids": {"values": [str(i) for i in ids]}}], "must_not": _exclusions((), seller_id)}
        },
    }


def newest_body(*, exclude_ids: Sequence[int], seller_id: int | None, size: int) -> dict[str, Any]:
    return {
        "size": size,
        "_source": CANDIDATE_FIELDS,
        "query": {"bool": {"filter": [ACTIVE], "must_not": _exclusions(exclude_ids, seller_id)}},
        "sort": SORTS["newest"],
    }


def recommendation_candidates(bodies: Sequence[dict[str, Any]]) -> list[list[tuple[float, dict[str, Any]]]]:
    """Each body's hits as (score, source), in one round trip; an empty body list asks nothing."""
    if not bodies:
        return []
    responses = get_engine().msearch(listings_alias(), list(bodies))
    return [[(hit.get("_score") or 0.0, hit["_source"]) for hit in response["hits"]["hits"]] for response in responses]
