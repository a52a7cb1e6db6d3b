"""The recommendation use case, across the domain (core/recommendations) and
the engine (search/recommendations.py): "Recommended for you" and "Buyers who
viewed this also viewed". docs/decisions/recommendations.md explains it.

A list is at most MAX_ITEMS long, computed on each request from the live
history (so a new favourite counts at once) and from what the periodic job
computed (neighbours, popularity); the engine holds every listing the moment
it is indexed, so a new listing can be recommended within seconds. A list is
of one country's listings, priced in its currency, as a search is.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from core.catalog.enums import enum_allowed_values
from core.catalog.selectors import catalog_labels
from core.recommendations.blend import DEFAULT_WEIGHTS, BlendWeights, Candidate, blend, diversify, reason_for
from core.recommendations.cooccurrence import collaborative_scores
from core.recommendations.profile import ListingTraits, Profile, StatedFilters, profile_build
from core.recommendations.selectors import (
    Engagement,
    ListingFacts,
    listing_active_ids,
    listing_traits,
    neighbors_for,
    popular_listings,
    subject_contacted_ids,
    subject_get,
    subject_history,
    subject_saved_searches,
)
from core.recommendations.weights import KEPT_KINDS, SIGNAL_WEIGHTS, SignalKind
from search.params import parse_filter_params, parse_market
from search.query import result_card
from search.recommendations import ids_body, newest_body, profile_body, profile_score, recommendation_candidates

MAX_ITEMS = 100
# The buyer's most engaged listings whose neighbours are read.
COLLABORATIVE_SOURCES = 20
# The newest listings matching the profile that are ranked by it.
CONTENT_CANDIDATES = 200
POPULAR_CANDIDATES = 60


@dataclass(frozen=True)
class Recommendations:
    enabled: bool
    # The asked-for slice of the list, and the whole list's length.
    results: list[dict[str, Any]]
    count: int = 0


def traits_of(source: Mapping[str, Any]) -> ListingTraits:
    return ListingTraits(
        make=source["make"],
        model=source["model"],
        body_type=source["body_type"],
        regional_spec=source["regional_spec"],
        fuel=source["fuel"],
        transmission=source["transmission"],
        price_minor=int(source["price_minor"]),
        year=int(source["year"]),
        country=source["country"],
    )


def saved_search_filters(name: str, query: str) -> StatedFilters:
    """A saved search's query string, read exactly as the search page reads it (bad parts are skipped),
    in its country: its prices are in that country's currency."""
    params = parse_qs(query)
    market = parse_market(params, errors={})
    _, filters, ranges = parse_filter_params(params, allowed_values=enum_allowed_values(), errors={}, market=market)
    weight = SIGNAL_WEIGHTS[SignalKind.SAVED_SEARCH]
    return StatedFilters(name=name, filters=filters, ranges=ranges, weight=weight, country=market.country)


def _anchor_names(facts: Mapping[int, ListingFacts], history: Mapping[int, Engagement]) -> dict[int, tuple[str, str, bool]]:
    return {
        listing_id: (fact.name_en, fact.name_ar, bool(history[listing_id].kinds & KEPT_KINDS) if listing_id in history else False)
        for listing_id, fact in facts.items()
    }


@dataclass
class Known:
    """What the recommender knows of one buyer, however it was gathered (the
    API reads PostgreSQL; the benchmark passes a simulated buyer's)."""

    # Listing → the buyer's decayed weight for it.
    history: Mapping[int, float]
    traits: Mapping[int, ListingTraits]
    # Never recommended: everything the buyer engaged with, and every listing they contacted.
    seen: set[int]
    stated: list[StatedFilters]
    # The periodic job's neighbours of (at least) the buyer's strongest listings, and the popular listings.
    neighbors: Mapping[int, list[tuple[int, float]]]
    popular: Mapping[int, float]
    # The country recommended in: candidates are its listings, the profile's price band in its currency.
    country: str
    user_id: int | None = None


def collaborative_sources(history: Mapping[int, float]) -> list[int]:
    return sorted(history, key=lambda i: (-history[i], i))[:COLLABORATIVE_SOURCES]


def candidates_gather(known: Known) -> tuple[Profile, list[Candidate]]:
    """Every candidate with its traits and raw collaborative, content and
    popularity scores, in one engine round trip (doc values, not the cards:
    search/recommendations.py TRAITS_ONLY); not yet blended."""
    engaged = ((known.traits[i], w) for i, w in known.history.items() if i in known.traits)
    profile = profile_build(engaged, known.stated, country=known.country)
    sources = collaborative_sources(known.history)
    scores = collaborative_scores({i: known.history[i] for i in sources}, known.neighbors)
    collaborative = dict(
        sorted(((i, v) for i, v in scores.items() if i not in known.seen), key=lambda item: -item[1][0])[:MAX_ITEMS]
    )
    popular = dict(list((i, v) for i, v in known.popular.items() if i not in known.seen)[:POPULAR_CANDIDATES])

    excluded = sorted(known.seen)
    proposed_ids = sorted(collaborative.keys() | popular.keys())
    bodies = [ids_body(ids=proposed_ids, seller_id=known.user_id, country=known.country, traits_only=True)]
    if profile.empty:
        bodies.append(newest_body(exclude_ids=excluded, seller_id=known.user_id, size=CONTENT_CANDIDATES, country=known.country))
    else:
        bodies.append(
            profile_body(
                terms=profile.terms,
                ranges=profile.ranges,
                exclude_ids=excluded,
                seller_id=known.user_id,
                size=CONTENT_CANDIDATES,
                country=known.country,
            )
        )
    proposed, matched = recommendation_candidates(bodies)

    candidates: dict[int, Candidate] = {}
    for source in proposed + matched:
        listing_id = int(source["id"])
        if listing_id not in known.seen and listing_id not in candidates:
            candidates[listing_id] = Candidate(listing_id=listing_id, traits=traits_of(source))
    if not profile.empty:
        for source in proposed + matched:
            if int(source["id"]) in candidates:
                candidates[int(source["id"])].content = profile_score(source, terms=profile.terms, ranges=profile.ranges)
    for listing_id, (score, anchor) in collaborative.items():
        if listing_id in candidates:
            candidates[listing_id].collaborative, candidates[listing_id].anchor = score, anchor
    for listing_id, score in popular.items():
        if listing_id in candidates:
            candidates[listing_id].popularity = score
    return profile, list(candidates.values())


def candidates_rank(candidates: list[Candidate], weights: BlendWeights = DEFAULT_WEIGHTS) -> list[Candidate]:
    return diversify(blend(candidates, weights), limit=MAX_ITEMS)[:MAX_ITEMS]


def recommendations_for(
    *,
    subject_key: str,
    user_id: int | None,
    country: str,
    start: int = 0,
    stop: int = MAX_ITEMS,
    weights: BlendWeights = DEFAULT_WEIGHTS,
    now: datetime.datetime | None = None,
) -> Recommendations:
    """The subject's recommendations in the country, best first, each with a reason:
    the whole list ranked, the cards of its [start:stop] slice (one page) fetched."""
    subject = subject_get(key=subject_key)
    if subject is not None and not subject.enabled:
        return Recommendations(enabled=False, results=[])
    history = subject_history(subject=subject, user_id=user_id, now=now)
    weights_by_id = {i: e.weight for i, e in history.items()}
    traits = listing_traits(listing_ids=history)
    known = Known(
        history=weights_by_id,
        traits={i: fact.traits for i, fact in traits.items()},
        seen=set(history) | subject_contacted_ids(subject=subject, user_id=user_id),
        stated=[saved_search_filters(n, q) for n, q in subject_saved_searches(subject=subject, user_id=user_id)],
        neighbors=neighbors_for(listing_ids=collaborative_sources(weights_by_id)),
        popular=popular_listings(limit=POPULAR_CANDIDATES + len(history), country=country),
        country=country,
        user_id=user_id,
    )
    profile, candidates = candidates_gather(known)
    # The index trails PostgreSQL by about a second: a car sold just now must not show.
    active = listing_active_ids(listing_ids=[c.listing_id for c in candidates])
    ranked = candidates_rank([c for c in candidates if c.listing_id in active], weights)

    shown = ranked[start:stop]
    cards = _cards(ids=[c.listing_id for c in shown], viewer_id=user_id, country=country)
    anchors = _anchor_names(traits, history)
    make_names = catalog_labels().makes
    results = [
        {
            **cards[c.listing_id],
            "reason": reason_for(c, profile=profile, anchors=anchors, stated=known.stated, make_names=make_names),
        }
        for c in shown
        if c.listing_id in cards
    ]
    return Recommendations(enabled=True, results=results, count=len(ranked))


def _cards(*, ids: list[int], viewer_id: int | None, country: str) -> dict[int, dict[str, Any]]:
    """Listing id → its result card, for the few listings a page shows."""
    if not ids:
        return {}
    (hits,) = recommendation_candidates([ids_body(ids=ids, seller_id=viewer_id, country=country)])
    return {int(source["id"]): result_card(source) for source in hits}


def also_viewed(*, listing_id: int, country: str, viewer_id: int | None) -> list[dict[str, Any]]:
    """Active listings of the listing's country that buyers who engaged with it also
    engaged with, most similar first (a buyer comparing cars compares them in one market)."""
    neighbors = [
        (other, score) for other, score in neighbors_for(listing_ids=[listing_id]).get(listing_id, []) if other != listing_id
    ]
    if not neighbors:
        return []
    (hits,) = recommendation_candidates([ids_body(ids=[other for other, _ in neighbors], seller_id=viewer_id, country=country)])
    by_id = {int(source["id"]): source for source in hits}
    active = listing_active_ids(listing_ids=by_id)
    return [result_card(by_id[other]) for other, _ in neighbors if other in by_id and other in active]


__all__ = ["Recommendations", "also_viewed", "recommendations_for"]
