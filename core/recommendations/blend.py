"""From candidates to a list: the blend of collaborative, content and
popularity scores, the diversity rule, and a short reason for each item, in
English and Arabic. Plain data in and out, shared by the API and the benchmark.
"""

import bisect
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from core.catalog.countries import country_get
from core.catalog.enums import enum_label
from core.recommendations.profile import ListingTraits, Profile, StatedFilters, filters_match
from core.recommendations.weights import BLEND_COLLABORATIVE, BLEND_CONTENT, BLEND_POPULARITY

# Diversity: within any run of WINDOW items, at most PER_MODEL of one model;
# each further car of a make already shown counts a little less.
WINDOW = 10
PER_MODEL = 2
SAME_MAKE_PENALTY = 0.85


@dataclass(frozen=True)
class BlendWeights:
    collaborative: float = BLEND_COLLABORATIVE
    content: float = BLEND_CONTENT
    popularity: float = BLEND_POPULARITY


@dataclass
class Candidate:
    listing_id: int
    traits: ListingTraits
    collaborative: float = 0.0
    # The buyer's listing that made it a collaborative candidate.
    anchor: int | None = None
    content: float = 0.0
    popularity: float = 0.0
    score: float = 0.0
    source: str = "new"


def _normalised(candidates: Sequence[Candidate], name: str) -> dict[int, float]:
    top = max((getattr(c, name) for c in candidates), default=0.0)
    return {c.listing_id: (getattr(c, name) / top if top > 0 else 0.0) for c in candidates}


DEFAULT_WEIGHTS = BlendWeights()


def blend(candidates: Sequence[Candidate], weights: BlendWeights = DEFAULT_WEIGHTS) -> list[Candidate]:
    """Candidates by blended score, best first; each learns which source carried it."""
    parts = {
        "collaborative": (weights.collaborative, _normalised(candidates, "collaborative")),
        "content": (weights.content, _normalised(candidates, "content")),
        "popularity": (weights.popularity, _normalised(candidates, "popularity")),
    }
    for candidate in candidates:
        contributions = {name: weight * values[candidate.listing_id] for name, (weight, values) in parts.items()}
        candidate.score = sum(contributions.values())
        best = max(contributions, key=lambda name: contributions[name])
        if contributions[best] > 0:
            candidate.source = best
        else:
            candidate.source = "popularity" if candidate.popularity > 0 else "new"
    # Ties (a cold start, where nothing scores) go to the more popular, then keep
    # the order the candidates came in (newest first).
    popular = parts["popularity"][1]
    return sorted(candidates, key=lambda c: (-c.score, -popular[c.listing_id]))


def diversify(
    ranked: Sequence[Candidate], *, window: int = WINDOW, per_model: int = PER_MODEL, limit: int | None = None
) -> list[Candidate]:
    """Reorder so that no `window` consecutive items hold more than `per_model`
    of one model, preferring makes not yet shown; the first `limit` places are
    chosen so, the rest follow in their order; nothing is dropped.

    `ranked` comes best first.
    """
    # The pending candidates of each model, best first. Within a model every
    # candidate has the same make, so only its first may be chosen: a step
    # looks at one head per model, in `ranked` order, and stops once the heads'
    # scores fall below the best value found (a value never exceeds its score).
    queues: dict[str, deque[tuple[int, Candidate]]] = {}
    for index, candidate in enumerate(ranked):
        queues.setdefault(candidate.traits.term("model"), deque()).append((index, candidate))
    heads = sorted((queue[0][0], model) for model, queue in queues.items())
    out: list[Candidate] = []
    recent: deque[str] = deque(maxlen=window - 1)
    in_window: dict[str, int] = {}
    makes: dict[str, int] = {}
    while heads and (limit is None or len(out) < limit):
        best_at, best_value = 0, -1.0  # when every model left was shown enough: the earliest
        for at, (_, model) in enumerate(heads):
            candidate = queues[model][0][1]
            if candidate.score < best_value:
                break
            if in_window.get(model, 0) >= per_model:
                continue
            value = candidate.score * SAME_MAKE_PENALTY ** makes.get(candidate.traits.make, 0)
            if value > best_value:
                best_at, best_value = at, value
        _, model = heads.pop(best_at)
        queue = queues[model]
        _, chosen = queue.popleft()
        if queue:
            bisect.insort(heads, (queue[0][0], model))
        out.append(chosen)
        if len(recent) == recent.maxlen:
            in_window[recent[0]] -= 1
        recent.append(model)
        in_window[model] = in_window.get(model, 0) + 1
        makes[chosen.traits.make] = makes.get(chosen.traits.make, 0) + 1
    rest = sorted(item for queue in queues.values() for item in queue)
    return out + [candidate for _, candidate in rest]


# --- reasons ------------------------------------------------------------------------


def _round_bound(minor: int, country: str) -> Decimal:
    """A round price bound in the country's currency: BHD 8,000, SAR 80,000 (to the
    500 dinars, times the country's price_scale, under 20,000 of them, else the 1,000)."""
    market = country_get(country)
    amount = Decimal(minor).scaleb(-market.decimals)
    step = (500 if amount < 20_000 * market.price_scale else 1000) * market.price_scale
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


def _interest_reason(traits: ListingTraits, profile: Profile, make_names: tuple[str, str] | None) -> dict[str, str]:
    make = make_names if make_names and traits.make in profile.terms.get("make", {}) else None
    body = enum_label("body_type", traits.body_type) if traits.body_type in profile.terms.get("body_type", {}) else None
    _, high = profile.ranges.get("price", (None, None))
    under = _round_bound(high, profile.country) if high is not None and traits.price_minor <= high else None
    market = country_get(profile.country)
    en_what = " ".join(part for part in (make[0] if make else "", f"{body[0]}s" if body else "cars") if part)
    ar_what = " ".join(part for part in ("سيارات", body[1] if body else "", make[1] if make else "") if part)
    en = f"Because you looked at {en_what}" + (f" under {market.money_text(under, 'en')}" if under else "")
    ar = f"لأنك تصفحت {ar_what}" + (f" بأقل من {market.money_text(under, 'ar')}" if under else "")
    return {"code": "interests", "text_en": en, "text_ar": ar}


def reason_for(
    candidate: Candidate,
    *,
    profile: Profile,
    anchors: Mapping[int, tuple[str, str, bool]],
    stated: Sequence[StatedFilters],
    make_names: Mapping[str, tuple[str, str]],
) -> dict[str, str]:
    """Why this car: {"code", "text_en", "text_ar"}.

    `anchors` maps the buyer's listings to their names in English and Arabic
    ("2019 Toyota Land Cruiser") and whether they kept it as a favourite.
    """
    if candidate.source == "collaborative" and candidate.anchor is not None and candidate.anchor in anchors:
        name_en, name_ar, kept = anchors[candidate.anchor]
        if kept:
            return {"code": "saved_similar", "text_en": f"Because you saved the {name_en}", "text_ar": f"لأنك حفظت {name_ar}"}
        return {
            "code": "viewed_together",
            "text_en": f"Buyers who viewed the {name_en} also viewed this",
            "text_ar": f"من شاهد {name_ar} شاهد هذه أيضاً",
        }
    if candidate.source == "content":
        for search in stated:
            if search.country == candidate.traits.country and filters_match(candidate.traits, search.filters, search.ranges):
                return {
                    "code": "saved_search",
                    "text_en": f"Matches your saved search “{search.name}”",
                    "text_ar": f"تطابق بحثك المحفوظ «{search.name}»",
                }
        return _interest_reason(candidate.traits, profile, make_names.get(candidate.traits.make))
    if candidate.source == "popularity":
        return {"code": "popular", "text_en": "Popular with buyers this week", "text_ar": "رائجة بين المشترين هذا الأسبوع"}
    return {"code": "new", "text_en": "New on Sayara", "text_ar": "جديدة على سيارة"}
