"""`make bench` arm: recommendations, measured offline and served at scale.

1. A simulator of buyers with hidden preferences (makes, body types, budget,
   age, specs, noise) producing search sessions on the bench catalog: each
   session is a search the buyer would type, its results as the site orders
   them, and what the buyer does with each result (view, long view, photo
   swipe, favourite, contact), more likely the better the car suits them.
2. Held out: each test buyer's last session; what they engaged with there
   (long views, favourites, contacts) and had not seen before is what a
   recommender should have shown. recall@10 and nDCG@10 of popularity,
   similar-cars-only (the listing page's similar cars for the buyer's last
   cars), content only, collaborative only, and blends, whose weights are
   chosen on half the test buyers and reported on the other half.
3. Serving: the simulated histories become real signals in PostgreSQL, the
   periodic job runs (timed), and GET /api/v1/me/recommendations and
   /listings/{id}/also-viewed are timed over HTTP beside GET
   /listings/{id}/similar in the same run.

Everything the recommender does here is the code the API runs
(discovery/recommendations.py, core/recommendations); only the buyers are invented.
"""

import datetime
import math
import random
import secrets
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

import requests
from django.db import connection
from django.utils import timezone

from core.catalog.countries import DEFAULT_COUNTRY
from core.listings.models import Listing, ListingStatus
from core.recommendations.blend import BlendWeights
from core.recommendations.cooccurrence import item_neighbors, popularity
from core.recommendations.models import ListingNeighbors, Signal, Subject
from core.recommendations.profile import ListingTraits, StatedFilters
from core.recommendations.services import neighbors_recompute
from core.recommendations.weights import SIGNAL_WEIGHTS, SignalKind, decayed
from discovery.recommendations import Known, candidates_gather, candidates_rank
from scripts.processes import WebProcess
from search.engine import get_engine
from search.index import listings_alias
from search.listings import similar_body
from web.api.visitors import VISITOR_COOKIE, visitor_key

if TYPE_CHECKING:
    from scripts.bench.context import Bench

K = 10


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


POSITIVE = {SignalKind.LONG_VIEW, SignalKind.FAVORITE, SignalKind.CONTACT_CLICK}
# The held-out sessions score only buyers with a past, on listings every buyer
# could have seen: they cannot see a new listing (which only the content
# profile can propose) nor a new buyer. So the chosen blend keeps at least this
# much content; the best blend without that floor is reported beside it.
CONTENT_FLOOR = 0.25
WEIGHT_GRID = [
    BlendWeights(collaborative=c, content=round(1 - c, 2), popularity=p)
    for c in (0.0, 0.25, 0.5, 0.75, 1.0)
    for p in (0.0, 0.1, 0.3)
]


@dataclass(frozen=True)
class SimParams:
    buyers: int = 2000
    sessions_min: int = 3
    sessions_max: int = 8
    # Results a buyer scans per search.
    page: int = 36
    # Share of sessions that are idle browsing, and of actions taken at random.
    noise: float = 0.15
    # How much budget and age matter against make and body (1 = as in the table below).
    budget_strictness: float = 1.0
    test_share: float = 0.3
    days: int = 30
    seed: int = 2026


@dataclass(frozen=True)
class Car:
    id: int
    traits: ListingTraits
    published: float


@dataclass
class Buyer:
    makes: tuple[str, ...]
    bodies: tuple[str, ...]
    budget_fils: int
    min_year: int
    spec: str
    # (session index, listing id, kind, when)
    actions: list[tuple[int, int, str, datetime.datetime]] = field(default_factory=list)
    saved: list[StatedFilters] = field(default_factory=list)


def load_catalog() -> list[Car]:
    """Bahrain's active cars (prices in fils): the simulated buyers shop in one country, as real ones do."""
    rows = Listing.objects.filter(status=ListingStatus.ACTIVE, country=DEFAULT_COUNTRY).values_list(
        "pk", "make__slug", "model__slug", "body_type", "regional_spec", "fuel", "transmission", "price", "year", "published_at"
    )
    return [
        Car(pk, ListingTraits(make, model, body, spec, fuel, gear, int(price * 1000), year), published.timestamp())
        for pk, make, model, body, spec, fuel, gear, price, year, published in rows.iterator(chunk_size=10000)
    ]


def utility(buyer: Buyer, car: ListingTraits, params: SimParams, rng: random.Random) -> float:
    """How well a car suits a buyer (about 0 to 7), with a little noise of taste."""
    over = max(0.0, car.price_minor / buyer.budget_fils - 1)
    value = 2.0 * (car.make in buyer.makes) + 1.5 * (car.body_type in buyer.bodies)
    value += params.budget_strictness * (2.0 * (over == 0) - 3.0 * over + 1.0 * (car.year >= buyer.min_year))
    value += 0.5 * (car.regional_spec == buyer.spec)
    return value + rng.gauss(0, 0.5)


def simulate(catalog: list[Car], params: SimParams) -> list[Buyer]:
    rng = random.Random(params.seed)
    by_make: dict[str, list[Car]] = defaultdict(list)
    by_body: dict[str, list[Car]] = defaultdict(list)
    for car in sorted(catalog, key=lambda c: -c.published):
        by_make[car.traits.make].append(car)
        by_body[car.traits.body_type].append(car)
    # What else a buyer considers follows the market too: a make's body types, a body type's makes, as listed.
    bodies_of_make: dict[str, list[str]] = defaultdict(list)
    makes_of_body: dict[str, list[str]] = defaultdict(list)
    for car in catalog:
        bodies_of_make[car.traits.make].append(car.traits.body_type)
        makes_of_body[car.traits.body_type].append(car.traits.make)
    end = timezone.now()
    buyers = []
    for _ in range(params.buyers):
        # Preferences follow the market: a car the buyer would like, then what else they would consider.
        seed = rng.choice(catalog).traits
        makes = {seed.make} | ({rng.choice(makes_of_body[seed.body_type])} if rng.random() < 0.5 else set())
        bodies = {seed.body_type} | ({rng.choice(bodies_of_make[seed.make])} if rng.random() < 0.3 else set())
        buyer = Buyer(
            makes=tuple(sorted(makes)),
            bodies=tuple(sorted(bodies)),
            budget_fils=int(seed.price_minor * rng.uniform(1.0, 1.4)),
            min_year=seed.year - rng.randint(0, 4),
            spec=seed.regional_spec if rng.random() < 0.8 else rng.choice(("gcc", "american", "japanese", "european")),
        )
        sessions = rng.randint(params.sessions_min, params.sessions_max)
        start = end - datetime.timedelta(days=rng.uniform(params.days / 3, params.days))
        for session in range(sessions):
            when = start + (end - start) * (session + 1) / (sessions + 1)
            _session(buyer, session, when, by_make, by_body, params, rng)
        buyers.append(buyer)
    return buyers


def _session(
    buyer: Buyer, session: int, when: datetime.datetime, by_make, by_body, params: SimParams, rng: random.Random
) -> None:
    if rng.random() < params.noise:  # idle browsing: any body type, newest first
        pool, price_max = by_body[rng.choice(list(by_body))], None
        make = body = None
    else:
        make = rng.choice(buyer.makes) if rng.random() < 0.6 else None
        body = rng.choice(buyer.bodies) if make is None or rng.random() < 0.4 else None
        price_max = buyer.budget_fils if rng.random() < 0.7 else None
        pool = by_make[make] if make else by_body[body or buyer.bodies[0]]
    matching = (
        car
        for car in pool
        if (body is None or car.traits.body_type == body) and (price_max is None or car.traits.price_minor <= price_max)
    )
    results = list(islice(matching, params.page * 3))
    if rng.random() < 0.3:  # sorted by price, or a later page
        results = sorted(results, key=lambda c: c.traits.price_minor)
    offset = rng.choice((0, 0, 0, params.page // 2))
    seen_page = results[offset : offset + params.page]
    if make and rng.random() < 0.25 and len(buyer.saved) < 3:
        buyer.saved.append(
            StatedFilters(
                name=f"{make} {body or ''}".strip(),
                filters={"make": (make,), **({"body_type": (body,)} if body else {})},
                ranges={"price": (None, price_max)} if price_max else {},
                weight=SIGNAL_WEIGHTS[SignalKind.SAVED_SEARCH],
            )
        )
    for car in seen_page:
        value = utility(buyer, car.traits, params, rng)
        chance = 0.1 if rng.random() < params.noise else 1 / (1 + math.exp(-(value - 4.5)))
        if rng.random() >= chance:
            continue
        buyer.actions.append((session, car.id, SignalKind.VIEW, when))
        if value > 5.0 and rng.random() < 0.7:
            buyer.actions.append((session, car.id, SignalKind.LONG_VIEW, when))
        if value > 5.0 and rng.random() < 0.5:
            buyer.actions.append((session, car.id, SignalKind.PHOTO_SWIPE, when))
        if value > 5.8 and rng.random() < 0.3:
            buyer.actions.append((session, car.id, SignalKind.FAVORITE, when))
        if value > 6.2 and rng.random() < 0.15:
            buyer.actions.append((session, car.id, SignalKind.CONTACT_CLICK, when))


# --- evaluation -----------------------------------------------------------------


def history_of(actions, now: datetime.datetime) -> dict[int, float]:
    weights: dict[int, float] = defaultdict(float)
    for _, listing_id, kind, when in actions:
        weights[listing_id] += decayed(SIGNAL_WEIGHTS[kind], age=now - when)
    return dict(weights)


def split(buyers: list[Buyer], params: SimParams) -> tuple[list[dict[int, float]], list[tuple[Buyer, list, set[int]]]]:
    """Training histories, and the test buyers with (their earlier actions, the held-out listings)."""
    rng = random.Random(params.seed + 1)
    now = timezone.now()
    training, tests = [], []
    for buyer in buyers:
        last = max((s for s, *_ in buyer.actions), default=-1)
        earlier = [a for a in buyer.actions if a[0] < last]
        if rng.random() < params.test_share and earlier:
            before = {listing_id for _, listing_id, _, _ in earlier}
            held = {listing_id for s, listing_id, kind, _ in buyer.actions if s == last and kind in POSITIVE} - before
            if held:
                training.append(history_of(earlier, now))
                tests.append((buyer, earlier, held))
                continue
        training.append(history_of(buyer.actions, now))
    return training, tests


def metrics(ranked: list[int], held: set[int]) -> tuple[float, float]:
    top = ranked[:K]
    hits = [1.0 if listing_id in held else 0.0 for listing_id in top]
    recall = sum(hits) / min(len(held), K)
    dcg = sum(hit / math.log2(rank + 2) for rank, hit in enumerate(hits))
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(held), K)))
    return recall, dcg / ideal


def similar_only(earlier, traits: dict[int, ListingTraits], seen: set[int]) -> list[int]:
    """What the listing pages' "similar cars" would show: for the buyer's last three cars, interleaved."""
    last = list(dict.fromkeys(listing_id for _, listing_id, _, _ in sorted(earlier, key=lambda a: a[3], reverse=True)))[:3]
    bodies = []
    for listing_id in last:
        t = traits[listing_id]
        bodies.append(
            similar_body(
                listing_id=listing_id,
                make=t.make,
                model=t.model,
                body_type=t.body_type,
                year=t.year,
                price_minor=t.price_minor,
                country=DEFAULT_COUNTRY,  # the catalog is Bahrain's (load_catalog)
            )
        )
    responses = get_engine().msearch(listings_alias(), bodies)
    lists = [[int(hit["_source"]["id"]) for hit in response["hits"]["hits"]] for response in responses]
    out: list[int] = []
    for rank in range(max((len(x) for x in lists), default=0)):
        for ids in lists:
            if rank < len(ids) and ids[rank] not in seen and ids[rank] not in out:
                out.append(ids[rank])
    return out


def evaluate(catalog: list[Car], params: SimParams, *, max_tests: int, weights: BlendWeights | None = None) -> dict[str, Any]:
    began = time.monotonic()
    buyers = simulate(catalog, params)
    training, tests = split(buyers, params)
    neighbors = item_neighbors(training)
    popular_counts = popularity(list(h) for h in training)
    popular = dict(sorted(popular_counts.items(), key=lambda item: -item[1])[:400])
    traits = {car.id: car.traits for car in catalog}
    rng = random.Random(params.seed + 2)
    rng.shuffle(tests)
    tests = tests[:max_tests]
    arms: dict[str, list[list[tuple[float, float]]]] = defaultdict(lambda: [[], []])  # [validation, test]
    gathered: list[tuple[int, list, set[int]]] = []
    for index, (buyer, earlier, held) in enumerate(tests):
        part = index % 2
        history = history_of(earlier, timezone.now())
        seen = set(history)
        known = Known(
            history=history,
            traits=traits,
            seen=seen,
            stated=buyer.saved,
            neighbors=neighbors,
            popular=popular,
            country=DEFAULT_COUNTRY,
        )
        _, candidates = candidates_gather(known)
        gathered.append((part, candidates, held))
        arms["popularity"][part].append(metrics([i for i in popular if i not in seen], held))
        arms["similar_cars_only"][part].append(metrics(similar_only(earlier, traits, seen), held))
    grid = [weights] if weights else WEIGHT_GRID
    named = {"content_only": BlendWeights(0, 1, 0), "collaborative_only": BlendWeights(1, 0, 0)}
    for name, w in [*named.items(), *((f"blend {w.collaborative}/{w.content}/{w.popularity}", w) for w in grid)]:
        for part, candidates, held in gathered:
            arms[name][part].append(metrics([c.listing_id for c in candidates_rank(candidates, w)], held))

    def mean(pairs: list[tuple[float, float]], i: int) -> float:
        return round(statistics.fmean(p[i] for p in pairs), 4) if pairs else 0.0

    blends = [name for name in arms if name.startswith("blend")]

    def by_validation(name: str) -> tuple[float, float]:
        return (mean(arms[name][0], 1), mean(arms[name][0], 0))

    floor = [w for w in grid if w.content >= CONTENT_FLOOR] or grid
    chosen = max((f"blend {w.collaborative}/{w.content}/{w.popularity}" for w in floor), key=by_validation)
    unconstrained = max(blends, key=by_validation)
    table = {
        name: {"recall@10": mean(parts[1], 0), "ndcg@10": mean(parts[1], 1)}
        for name, parts in arms.items()
        if not name.startswith("blend")
    }
    table["blend (chosen)"] = {"recall@10": mean(arms[chosen][1], 0), "ndcg@10": mean(arms[chosen][1], 1), "weights": chosen[6:]}
    if unconstrained != chosen:
        table["blend (best without the content floor)"] = {
            "recall@10": mean(arms[unconstrained][1], 0),
            "ndcg@10": mean(arms[unconstrained][1], 1),
            "weights": unconstrained[6:],
        }
    validation = {name: mean(arms[name][0], 1) for name in blends}
    actions = sum(len(b.actions) for b in buyers)
    return {
        "params": params.__dict__,
        "buyers": len(buyers),
        "actions": actions,
        "test_buyers": len(tests),
        "listings_touched": len({a[1] for b in buyers for a in b.actions}),
        "table": table,
        "validation_ndcg_by_weights": validation if not weights else None,
        "recall_vs_popularity": round(table["blend (chosen)"]["recall@10"] / max(table["popularity"]["recall@10"], 1e-9), 2),
        "seconds": round(time.monotonic() - began, 1),
        "_buyers": buyers,
        "_chosen": next(w for w in grid if f"blend {w.collaborative}/{w.content}/{w.popularity}" == chosen),
    }


# --- serving at scale -------------------------------------------------------------------


def _timed(call: Callable[[], requests.Response], samples: int) -> list[float]:
    out = []
    for _ in range(samples):
        began = time.perf_counter()
        call().raise_for_status()
        out.append((time.perf_counter() - began) * 1000)
    return out


def bench_serving(buyers: list[Buyer], env: dict[str, str], logs, summary: Callable, requests_count: int) -> dict[str, Any]:
    """The simulated buyers as visitors with real signals; the job; the endpoints over HTTP."""
    Subject.objects.all().delete()
    ListingNeighbors.objects.all().delete()
    tokens, subjects, signals = [], [], []
    stored_kind = {SignalKind.FAVORITE: SignalKind.LONG_VIEW}  # a visitor has no favourites
    for _ in buyers:
        token = secrets.token_urlsafe(32)
        tokens.append(token)
        subjects.append(Subject(key=visitor_key(token)))
    Subject.objects.bulk_create(subjects, batch_size=5000)
    by_key = dict(Subject.objects.values_list("key", "pk"))
    for token, buyer in zip(tokens, buyers, strict=True):
        last: dict[tuple[int, str], datetime.datetime] = {}
        for _, listing_id, kind, when in buyer.actions:
            last[(listing_id, stored_kind.get(kind, kind))] = when
        signals += [Signal(subject_id=by_key[visitor_key(token)], listing_id=i, kind=k, last_at=w) for (i, k), w in last.items()]
    Signal.objects.bulk_create(signals, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE recommendations_signal")
    began = time.monotonic()
    rows = neighbors_recompute()
    job_seconds = time.monotonic() - began

    rng = random.Random(7)
    with_neighbors = list(ListingNeighbors.objects.exclude(neighbors=[]).values_list("listing_id", flat=True)[:2000])
    listing_ids = list(Listing.objects.filter(status=ListingStatus.ACTIVE).values_list("pk", flat=True)[:20000])
    web = WebProcess(env, logs, name="web-recommendations", workers=2).start()
    try:
        http = requests.Session()

        def recommendations() -> requests.Response:
            return http.get(f"{web.url}/api/v1/me/recommendations", cookies={VISITOR_COOKIE: rng.choice(tokens)}, timeout=30)

        def also() -> requests.Response:
            return http.get(f"{web.url}/api/v1/listings/{rng.choice(with_neighbors)}/also-viewed", timeout=30)

        def similar() -> requests.Response:
            return http.get(f"{web.url}/api/v1/listings/{rng.choice(listing_ids)}/similar", timeout=30)

        for call in (recommendations, also, similar):
            _timed(call, 20)  # warm up
        figures = {"recommendations": [], "also_viewed": [], "similar_baseline": []}
        for _ in range(requests_count):
            for name, call in (("recommendations", recommendations), ("also_viewed", also), ("similar_baseline", similar)):
                figures[name] += _timed(call, 1)
        # A visitor with no history (no cookie): popularity and the newest.
        figures["recommendations_new_visitor"] = _timed(
            lambda: requests.get(f"{web.url}/api/v1/me/recommendations", timeout=30), 50
        )
    finally:
        web.stop()
    out = {name: summary(samples) for name, samples in figures.items()}
    return {
        "subjects": len(subjects),
        "signals": len(signals),
        "job_seconds": round(job_seconds, 2),
        "job_listings": rows,
        **out,
        "target": "recommendations p95 <= 30 ms at 100,000 listings",
    }


def bench_recommendations(
    *, env: dict[str, str], logs, summary: Callable, max_tests: int = 600, requests_count: int = 300
) -> dict:
    catalog = load_catalog()
    main = evaluate(catalog, SimParams(), max_tests=max_tests)
    chosen = main.pop("_chosen")
    buyers = main.pop("_buyers")
    log(f"recommendations: evaluated in {main['seconds']}s: {main['table']}")
    sweeps = {}
    for name, params in {
        "noise 0.05": replace(SimParams(), noise=0.05),
        "noise 0.35": replace(SimParams(), noise=0.35),
        "buyers 500": replace(SimParams(), buyers=500),
        "buyers 6000": replace(SimParams(), buyers=6000),
        "budget matters less (0.3)": replace(SimParams(), budget_strictness=0.3),
    }.items():
        result = evaluate(catalog, params, max_tests=max_tests // 2, weights=chosen)
        result.pop("_buyers"), result.pop("_chosen")
        sweeps[name] = {k: result[k] for k in ("buyers", "actions", "test_buyers", "table", "recall_vs_popularity")}
        log(f"recommendations: {name}: {result['table']}")
    return {
        "catalog": len(catalog),
        "evaluation": main,
        "parameter_effects": sweeps,
        "serving": bench_serving(buyers, env, logs, summary, requests_count),
        "target": "recall@10 >= 2 x popularity; serving p95 <= 30 ms",
    }


def run(bench: "Bench") -> dict:
    from scripts.bench.figures import summary

    return bench_recommendations(env=bench.env, logs=bench.logs, summary=summary)
