"""The searches benchmarks send: a fixed list (the API-vs-engine comparison
sends each one many times) and a realistic mix that never repeats.

The realistic mix is what buyers do on the search page, drawn at random from
the bench catalog itself: makes and models in proportion to how many cars each
has, a few filters at a time (multi-select sometimes), price, year and mileage
bounds at the steps the sliders move in, text typed into the box (the judged
queries, search/tests/judged_queries.tsv, as people in Bahrain type them),
sorts and pages. No two requests of a run are the same: a repeat would be
answered from the engine's request cache, which is what made the old load arm
flatter the engine.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from core.catalog.enums import enum_allowed_values
from core.listings.models import Listing

JUDGED = Path(__file__).resolve().parents[2] / "search" / "tests" / "judged_queries.tsv"

# Twenty searches of the kinds buyers make, for comparisons that repeat a body.
QUERY_MIX: list[dict[str, str | list[str]]] = [
    {},
    {"make": "toyota"},
    {"make": "toyota", "model": "land-cruiser"},
    {"make": "nissan", "model": "patrol", "year_min": "2018"},
    {"q": "land cruiser"},
    {"q": "لاند كروزر"},
    {"q": "كامري"},
    {"q": "camry gcc"},
    {"body_type": "suv", "price_max": "15000"},
    {"regional_spec": "gcc", "region": "capital", "sort": "price_asc"},
    {"make": ["lexus", "infiniti"], "year_min": "2020", "sort": "year_desc"},
    {"fuel": "hybrid"},
    {"price_min": "5000", "price_max": "9000", "mileage_max": "100000"},
    {"make": "kia", "page": "3"},
    {"q": "patrol", "sort": "price_desc"},
    {"seller_type": "dealer", "condition": "new"},
    {"transmission": "manual", "body_type": "pickup"},
    {"make": "hyundai", "model": "elantra", "color": ["white", "silver"]},
    {"sort": "mileage_asc", "year_min": "2015"},
    {"q": "prado 2019"},
]

# How often each sort and page is asked for (most buyers keep the default and page 1).
SORTS = (("newest", 55), ("price_asc", 18), ("price_desc", 7), ("year_desc", 10), ("mileage_asc", 5), ("relevance", 5))
PAGES = ((1, 74), (2, 12), (3, 6), (4, 3), (5, 2), (8, 1), (12, 1), (20, 1))
# The share of searches with each filter (beside make and model), and how often a field has two values.
ENUM_SHARE = {
    "body_type": 0.18,
    "fuel": 0.06,
    "transmission": 0.05,
    "drivetrain": 0.03,
    "color": 0.06,
    "regional_spec": 0.10,
    "condition": 0.05,
    "region": 0.07,
    "seller_type": 0.05,
}
MULTI_SELECT = 0.2


def _weighted(rng: random.Random, pairs: tuple[tuple[object, int], ...]) -> object:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def judged_texts() -> list[str]:
    texts = []
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            texts.append(line.split("\t")[0])
    return texts


@dataclass
class RealisticMix:
    """Search parameters as lists of (name, value), one new search per call."""

    seed: int = 11
    rng: random.Random = field(init=False)
    seen: set[tuple[tuple[str, str], ...]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        counts = Counter(
            Listing.objects.filter(status="active").values_list("make__slug", "model__slug").iterator(chunk_size=20000)
        )
        self.models = list(counts)
        self.model_weights = list(counts.values())
        self.models_of: dict[str, list[str]] = {}
        for make, model in self.models:
            self.models_of.setdefault(make, []).append(model)
        self.enums = {name: sorted(values) for name, values in enum_allowed_values().items()}
        self.texts = judged_texts()

    def _draw(self) -> list[tuple[str, str]]:
        rng = self.rng
        params: list[tuple[str, str]] = []
        kind = rng.random()
        if kind < 0.35:  # typed into the box, sometimes with a filter ticked
            params.append(("q", rng.choice(self.texts)))
        if kind >= 0.35 and rng.random() < 0.7:  # a make (a model of it half the time)
            make, model = rng.choices(self.models, self.model_weights)[0]
            params.append(("make", make))
            if rng.random() < MULTI_SELECT:
                other, _ = rng.choices(self.models, self.model_weights)[0]
                if other != make:
                    params.append(("make", other))
            elif rng.random() < 0.5:
                params.append(("model", model))
        for name, share in ENUM_SHARE.items():
            if rng.random() < share * (0.5 if kind < 0.35 else 1):
                values = rng.sample(self.enums[name], 2 if rng.random() < MULTI_SELECT else 1)
                params += [(name, value) for value in values]
        if rng.random() < 0.35:  # the price slider moves in 250 BHD steps
            high = rng.randrange(1500, 60000, 250)
            params.append(("price_max", str(high)))
            if rng.random() < 0.4:
                params.append(("price_min", str(rng.randrange(0, high, 250))))
        if rng.random() < 0.3:
            low = rng.randint(2005, 2025)
            params.append(("year_min", str(low)))
            if rng.random() < 0.25:
                params.append(("year_max", str(rng.randint(low, 2026))))
        if rng.random() < 0.15:
            params.append(("mileage_max", str(rng.randrange(10000, 300000, 5000))))
        sort = _weighted(rng, SORTS)
        if sort != "newest" or rng.random() < 0.1:
            params.append(("sort", str(sort)))
        page = _weighted(rng, PAGES)
        if page != 1:
            params.append(("page", str(page)))
        return params

    def next(self) -> list[tuple[str, str]]:
        while True:
            params = self._draw()
            key = tuple(sorted(params))
            if key not in self.seen:
                self.seen.add(key)
                return params

    def take(self, count: int) -> list[list[tuple[str, str]]]:
        return [self.next() for _ in range(count)]


def as_lists(params: dict | list[tuple[str, str]]) -> dict[str, list[str]]:
    """Parameters as the API's parser reads a query string: name → values."""
    out: dict[str, list[str]] = {}
    pairs = (
        params
        if isinstance(params, list)
        else [(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])]
    )
    for name, value in pairs:
        out.setdefault(name, []).append(value)
    return out
