"""Item-to-item collaborative filtering from co-occurrence: listings that the
same buyers engaged with are neighbours. Plain functions over plain data, so
the periodic job (services.neighbors_recompute) and the benchmark run the very
same code.

Similarity is a weighted cosine: each buyer adds w_i × w_j to the pair (i, j),
damped by the number of listings that buyer touched (a buyer who opened two
hundred cars says less about any two of them), divided by the norms of i and j
plus a shrinkage term, so a pair seen once between two rarely seen listings
does not outrank a pair many buyers share.
"""

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

# Each buyer's most engaged listings taken into account (bounds the pairs at n²/2 per buyer).
MAX_ITEMS_PER_SUBJECT = 40
NEIGHBORS_KEPT = 30
SHRINKAGE = 1.0

History = Mapping[int, float]  # listing id → the buyer's decayed weight for it


def _top_items(history: History) -> list[tuple[int, float]]:
    items = sorted(history.items(), key=lambda item: (-item[1], item[0]))
    return items[:MAX_ITEMS_PER_SUBJECT]


def item_neighbors(
    histories: Iterable[History], *, kept: int = NEIGHBORS_KEPT, shrinkage: float = SHRINKAGE
) -> dict[int, list[tuple[int, float]]]:
    """For every listing that shares a buyer with another, its `kept` most similar listings."""
    pairs: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    norms: dict[int, float] = defaultdict(float)
    for history in histories:
        items = _top_items(history)
        if len(items) < 2:
            for listing_id, weight in items:
                norms[listing_id] += weight * weight
            continue
        damping = 1.0 / math.log2(1 + len(items))
        for index, (a, wa) in enumerate(items):
            norms[a] += wa * wa
            row = pairs[a]
            for b, wb in items[index + 1 :]:
                value = wa * wb * damping
                row[b] += value
                pairs[b][a] += value
    result: dict[int, list[tuple[int, float]]] = {}
    for a, row in pairs.items():
        norm_a = math.sqrt(norms[a])
        scored = ((b, value / (norm_a * math.sqrt(norms[b]) + shrinkage)) for b, value in row.items())
        result[a] = [(b, round(score, 6)) for b, score in heapq.nlargest(kept, scored, key=lambda pair: (pair[1], -pair[0]))]
    return result


def popularity(histories: Iterable[Iterable[int]]) -> dict[int, float]:
    """How many buyers engaged with each listing (each buyer counts once per listing)."""
    counts: dict[int, float] = defaultdict(float)
    for listing_ids in histories:
        for listing_id in set(listing_ids):
            counts[listing_id] += 1.0
    return dict(counts)


def collaborative_scores(history: History, neighbors: Mapping[int, list[tuple[int, float]]]) -> dict[int, tuple[float, int]]:
    """Listing → (score, the history listing that contributed most): Σ w_i × sim(i, j)."""
    scores: dict[int, float] = defaultdict(float)
    best: dict[int, tuple[float, int]] = {}
    for source, weight in history.items():
        for target, similarity in neighbors.get(source, ()):
            part = weight * similarity
            scores[target] += part
            if target not in best or part > best[target][0]:
                best[target] = (part, source)
    return {target: (score, best[target][1]) for target, score in scores.items()}
