"""The analytics API as its users see it: the public market, market value and
price suggestions, analysts' aggregations (JSON and CSV) and search statistics."""

import csv
import io
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from core.events.models import ListingEvent, SearchEvent
from core.events.services import events_drain
from search.engine import get_engine
from testing.accounts import UserFactory
from testing.catalog import CarModelFactory
from testing.index import index_listings
from testing.listings import make_listing
from testing.market import expire_at, listing_at, sell_at
from testing.processes import wait_until
from web.api.background import background_settled

pytestmark = pytest.mark.django_db

AGGREGATE = "/api/v1/analytics/aggregate"


@pytest.fixture
def word(unique: str) -> str:
    """`unique` in letters only: recorded search text masks long digit runs as phone numbers."""
    return unique.translate(str.maketrans("0123456789", "ghijklmnop"))


def analyst():
    return UserFactory(is_analyst=True)


def known_market(model) -> None:
    """Twenty active cars of one model at five price and mileage levels, four each,
    listed 10 to 50 days ago; three sold lately, one sold long ago, one expired."""
    now = timezone.now()
    seller = UserFactory()
    for level in range(1, 6):
        for n in range(4):
            listing_at(
                now - timedelta(days=10 * level, minutes=n),
                seller=seller,
                car=model,
                price=f"{level * 1000}.000",
                mileage_km=level * 10000,
            )
    for days_to_sell, price in ((4, "2500.000"), (6, "3500.000"), (20, "4500.000")):
        listing = listing_at(now - timedelta(days=30), seller=seller, car=model, price=price)
        sell_at(listing, now - timedelta(days=30 - days_to_sell))
    sell_at(listing_at(now - timedelta(days=300), seller=seller, car=model, price="99000.000"), now - timedelta(days=250))
    expire_at(listing_at(now - timedelta(days=70), seller=seller, car=model, price="77000.000"), now - timedelta(days=1))
    listing_at(now, seller=seller, price="50000.000")  # another model
    index_listings()


# --- GET /analytics/market ----------------------------------------------------------


def test_market_gives_percentiles_of_a_known_dataset(api, fresh_index):
    model = CarModelFactory()
    known_market(model)

    answer = api.get("/api/v1/analytics/market", {"make": model.make.slug, "model": model.slug, "sort": "price_asc"})

    assert answer.status_code == 200, answer.content
    market = answer.json()
    assert market["count"] == 20
    assert market["price"] == {"p10": "1000.000", "p25": "2000.000", "median": "3000.000", "p75": "4000.000", "p90": "5000.000"}
    assert market["mileage_km"] == {"p10": 10000, "p25": 20000, "median": 30000, "p75": 40000, "p90": 50000}
    assert market["median_days_listed"] == pytest.approx(30, abs=0.1)
    assert market["sold"] == {"window_days": 180, "count": 3, "median_price": "3500.000", "median_days_to_sell": 6.0}


def test_market_of_nothing_is_empty_not_an_error(api, fresh_index):
    answer = api.get("/api/v1/analytics/market", {"make": "toyota"})

    assert answer.status_code == 200
    assert answer.json()["count"] == 0
    assert answer.json()["price"]["median"] is None
    assert answer.json()["median_days_listed"] is None


def test_market_names_bad_parameters_and_ignores_unknown_ones(api, fresh_index):
    bad = api.get("/api/v1/analytics/market", {"year_min": "soon", "fuel": "steam", "utm_source": "x"})

    assert bad.status_code == 400
    assert set(bad.json()) == {"year_min", "fuel"}


# --- POST /analytics/aggregate --------------------------------------------------------


def test_aggregate_is_for_analysts_and_staff(api, fresh_index):
    body = {"group_by": ["make"], "metrics": ["count"]}

    anonymous = api.post(AGGREGATE, body, format="json")
    api.force_authenticate(UserFactory())
    buyer = api.post(AGGREGATE, body, format="json")
    api.force_authenticate(analyst())
    as_analyst = api.post(AGGREGATE, body, format="json")
    api.force_authenticate(UserFactory(is_staff=True))
    as_staff = api.post(AGGREGATE, body, format="json")

    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert buyer.status_code == 403
    assert as_analyst.status_code == 200, as_analyst.content
    assert as_staff.status_code == 200
    assert as_analyst.json() == {"columns": ["make", "count"], "rows": [], "truncated": False}


def test_aggregate_names_an_unknown_field_or_metric(api, fresh_index):
    api.force_authenticate(analyst())

    answer = api.post(
        AGGREGATE,
        {"group_by": ["make", "seller_id"], "metrics": ["count", "price_stddev"], "filters": {"colour": "red"}},
        format="json",
    )

    assert answer.status_code == 400
    errors = answer.json()
    assert "seller_id" in errors["group_by"][0]
    assert "price_stddev" in errors["metrics"][0]
    assert "colour" in errors["filters"]


def test_aggregate_as_csv_parses_and_matches_the_json(api, fresh_index):
    # given a known market and an analyst
    model = CarModelFactory()
    known_market(model)
    api.force_authenticate(analyst())
    body = {
        "filters": {"make": model.make.slug, "status": ["active", "sold"]},
        "group_by": ["model", "status"],
        "metrics": ["count", "price_median", "price_avg", "mileage_median"],
    }

    # when the same table is asked for as JSON, as CSV by Accept, and as CSV by ?format=csv
    as_json = api.post(AGGREGATE, body, format="json")
    as_csv = api.post(AGGREGATE, body, format="json", HTTP_ACCEPT="text/csv")
    by_format = api.post(f"{AGGREGATE}?format=csv", body, format="json")

    # then the CSV is the JSON table: a header row, then the rows, money as "3000.000"
    assert as_json.status_code == as_csv.status_code == by_format.status_code == 200
    table = as_json.json()
    assert table["rows"] == [
        [model.make.slug, model.slug, "active", 20, "3000.000", "3000.000", 30000],
        # every sold listing, the one sold long ago too (the sold window is the market's, not the table's)
        [model.make.slug, model.slug, "sold", 4, "4000.000", "27375.000", 60000],
    ]
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_csv["Content-Disposition"].startswith('attachment; filename="sayara-aggregate-')
    parsed = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert parsed[0] == table["columns"]
    assert parsed[1:] == [[str(value) for value in row] for row in table["rows"]]
    assert by_format.content == as_csv.content


def test_aggregate_errors_stay_json_when_csv_was_asked_for(api, fresh_index):
    api.force_authenticate(analyst())

    answer = api.post(AGGREGATE, {"group_by": ["vin"]}, format="json", HTTP_ACCEPT="text/csv")

    assert answer.status_code == 400
    assert answer["Content-Type"].startswith("application/json")
    assert "vin" in answer.json()["group_by"][0]


@pytest.fixture
def stalled_engine(settings) -> Iterator[None]:
    """An engine that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.SEARCH_URL = f"http://127.0.0.1:{server.getsockname()[1]}"
    settings.ANALYTICS_TIMEOUT = 0.2
    get_engine.cache_clear()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        server.close()
        get_engine.cache_clear()


def test_a_slow_aggregation_answers_504_with_a_clear_message(api, stalled_engine):
    api.force_authenticate(analyst())

    answer = api.post(AGGREGATE, {"group_by": ["make"]}, format="json")
    market = api.get("/api/v1/analytics/market")

    assert answer.status_code == 504
    assert "took longer than 0.2 seconds" in answer.json()["detail"]
    assert market.status_code == 504


# --- market value and price suggestions ----------------------------------------------------


def test_market_value_of_a_listing_anyone_can_see(api, fresh_index):
    model = CarModelFactory()
    known_market(model)
    cheap = make_listing(car=model, price="2000.000", mileage_km=30000)
    index_listings()

    answer = api.get(f"/api/v1/listings/{cheap.pk}/market-value")

    assert answer.status_code == 200, answer.content
    value = answer.json()
    # comparables within 30,000 ± 20,000 km: the twenty active ones (the sold ones ran 60,000 km)
    assert value["comparables_count"] == 20
    assert value["rating"] == "great"
    assert value["estimate"]["median"] == "3000.000"
    assert len(value["comparables"]) == 10


def test_market_value_follows_who_may_see_the_listing(api, fresh_index):
    draft = make_listing(publish=False)

    assert api.get(f"/api/v1/listings/{draft.pk}/market-value").status_code == 404
    api.force_authenticate(draft.seller)
    own = api.get(f"/api/v1/listings/{draft.pk}/market-value")
    assert own.status_code == 200
    assert own.json()["reason"] == "rare_car"  # no comparable car at all
    assert api.get("/api/v1/listings/999999999/market-value").status_code == 404


def test_price_suggestion_for_a_seller(api, fresh_index):
    model = CarModelFactory()
    known_market(model)
    params = {"make": model.make.slug, "model": model.slug, "year": 2020, "mileage_km": 30000}

    anonymous = api.get("/api/v1/analytics/price-suggestion", params)
    api.force_authenticate(UserFactory())
    bad = api.get("/api/v1/analytics/price-suggestion", {**params, "model": "no-such-model", "year": "old"})
    good = api.get("/api/v1/analytics/price-suggestion", params)

    assert anonymous.status_code == 401
    assert bad.status_code == 400
    assert set(bad.json()) == {"model", "year"}
    assert good.status_code == 200, good.content
    assert good.json()["suggested_price"] == {"low": "2000.000", "median": "3000.000", "high": "4000.000"}
    assert good.json()["comparables_count"] == 20


# --- events: searches, views and contact clicks -------------------------------------------


def test_searches_views_and_contact_clicks_are_recorded_without_personal_data(api, fresh_index, event_buffer, word):
    # given an active listing, found by its description
    listing = make_listing(description=f"One owner {word}")
    index_listings()
    buyer = UserFactory()
    api.force_authenticate(buyer)
    api.credentials(HTTP_X_SAYARA_CLIENT="web")

    # when a signed-in buyer searches, turns a page, looks at it and opens the contact form
    assert api.get("/api/v1/search/listings", {"q": f"  {word.upper()} ", "make": listing.make.slug}).json()["count"] == 1
    api.get("/api/v1/search/listings", {"q": word, "page": 2})
    api.get("/api/v1/search/listings", {"q": f"{word} nothing-like-this"})
    assert api.get(f"/api/v1/listings/{listing.pk}").status_code == 200
    assert api.post(f"/api/v1/listings/{listing.pk}/contact-click").status_code == 204
    background_settled()
    events_drain()

    # then the searches (page one only), the view and the click are there, naming no one
    searches = list(SearchEvent.objects.filter(q__contains=word).order_by("id").values())
    assert [(row["q"], row["result_count"], row["zero_results"]) for row in searches] == [
        (word, 1, False),
        (f"{word} nothing-like-this", 0, True),
    ]
    assert searches[0]["filters"] == {"make": [listing.make.slug]}
    views = list(
        ListingEvent.objects.filter(listing_id=listing.pk).order_by("kind").values_list("kind", "listing_id", "make", "model")
    )
    assert views == [
        ("contact_click", listing.pk, listing.make.slug, listing.model.slug),
        ("view", listing.pk, listing.make.slug, listing.model.slug),
    ]
    stored = " ".join(
        str(value) for row in [*searches, *ListingEvent.objects.filter(listing_id=listing.pk).values()] for value in row.values()
    )
    assert buyer.email not in stored and str(buyer.display_name) not in stored


def test_a_seller_viewing_their_own_listing_is_not_counted(api, fresh_index, event_buffer):
    listing = make_listing()
    api.force_authenticate(listing.seller)
    api.credentials(HTTP_X_SAYARA_CLIENT="web")

    assert api.get(f"/api/v1/listings/{listing.pk}").status_code == 200
    assert api.post(f"/api/v1/listings/{listing.pk}/contact-click").status_code == 204
    background_settled()
    events_drain()

    assert not ListingEvent.objects.filter(listing_id=listing.pk).exists()


def test_views_and_clicks_count_once_per_visitor_and_day_and_only_from_the_page(api, fresh_index, event_buffer, settings):
    settings.EVENTS_PER_ADDRESS_PER_MINUTE = 1000
    listing = make_listing()
    # Counters outlive a run (Redis): a fresh address each time.
    address = f"10.{uuid.uuid4().int % 250}.8.{uuid.uuid4().int % 250}"
    page = {"HTTP_X_SAYARA_CLIENT": "web", "HTTP_USER_AGENT": "Mozilla/5.0 (phone)", "REMOTE_ADDR": address}

    # a script clicking 100 times before ever opening the page, then a visitor opening it 3 times and clicking 100 times
    for _ in range(100):
        api.post(f"/api/v1/listings/{listing.pk}/contact-click", **page)
    api.get(f"/api/v1/listings/{listing.pk}")  # no X-Sayara-Client: a client that never ran the page
    for _ in range(3):
        api.get(f"/api/v1/listings/{listing.pk}", **page)
    for _ in range(100):
        api.post(f"/api/v1/listings/{listing.pk}/contact-click", **page)
    # a second visitor on the same address (a household behind one router) counts too
    api.get(f"/api/v1/listings/{listing.pk}", **{**page, "HTTP_USER_AGENT": "Mozilla/5.0 (laptop)"})
    background_settled()
    events_drain()

    kinds = sorted(ListingEvent.objects.filter(listing_id=listing.pk).values_list("kind", flat=True))
    assert kinds == ["contact_click", "view", "view"]


def test_one_address_can_count_only_so_often_and_is_rate_limited(api, fresh_index, event_buffer, settings):
    settings.EVENTS_PER_ADDRESS_PER_DAY, settings.EVENTS_PER_ADDRESS_PER_MINUTE = 3, 5
    listing = make_listing()
    address = f"10.{uuid.uuid4().int % 250}.7.{uuid.uuid4().int % 250}"

    # a script changing its browser name on every view
    for n in range(5):
        api.get(f"/api/v1/listings/{listing.pk}", HTTP_X_SAYARA_CLIENT="web", HTTP_USER_AGENT=f"bot {n}", REMOTE_ADDR=address)
    clicks = [
        api.post(f"/api/v1/listings/{listing.pk}/contact-click", HTTP_X_SAYARA_CLIENT="web", REMOTE_ADDR=address).status_code
        for _ in range(6)
    ]
    background_settled()
    events_drain()

    assert ListingEvent.objects.filter(listing_id=listing.pk, kind="view").count() == 3
    assert clicks == [204] * 5 + [429]


def test_contact_click_on_a_listing_no_one_may_see_is_404(api, fresh_index, event_buffer):
    draft = make_listing(publish=False)

    assert api.post(f"/api/v1/listings/{draft.pk}/contact-click").status_code == 404
    assert api.post("/api/v1/listings/999999999/contact-click").status_code == 404


def test_search_answers_when_redis_is_down(api, fresh_index, event_buffer, settings, unique):
    from testing.processes import dead_redis_url

    make_listing(description=unique)
    index_listings()
    settings.REDIS_URL = dead_redis_url()

    answer = api.get("/api/v1/search/listings", {"q": unique})

    assert answer.status_code == 200
    assert answer.json()["count"] == 1


def test_search_analytics_is_for_analysts(api):
    assert api.get("/api/v1/analytics/search").status_code == 401
    api.force_authenticate(UserFactory())
    assert api.get("/api/v1/analytics/search").status_code == 403
    api.force_authenticate(analyst())
    assert api.get("/api/v1/analytics/search", {"days": "0"}).status_code == 400
    assert api.get("/api/v1/analytics/search", {"days": "7", "limit": "5"}).status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_searches_reach_the_analysts_report_through_the_worker(api, celery_worker, fresh_index, word):
    # given a listing buyers can find
    listing = make_listing(description=f"Agency maintained {word}")
    index_listings()

    # when buyers search for it, for something that is not there, and look at it
    for _ in range(2):
        assert api.get("/api/v1/search/listings", {"q": word}).json()["count"] == 1
    assert api.get("/api/v1/search/listings", {"q": f"{word}x qq"}).json()["count"] == 0
    api.get(f"/api/v1/listings/{listing.pk}", HTTP_X_SAYARA_CLIENT="web")

    # then the worker's beat drains the events and an analyst sees them
    api.force_authenticate(analyst())

    def report():
        answer = api.get("/api/v1/analytics/search", {"days": 1, "limit": 100}).json()
        queries = {row["q"]: row for row in answer["top_queries"]}
        return answer if word in queries and answer["most_viewed_models"] else None

    answer = wait_until(report, timeout=20, message="the events in the report")
    queries = {row["q"]: row for row in answer["top_queries"]}
    assert queries[word]["count"] == 2 and queries[word]["zero_result_count"] == 0
    assert {"q": f"{word}x qq", "count": 1, "days_seen": 1} in answer["zero_result_queries"]
    viewed = next(row for row in answer["most_viewed_models"] if row["model"] == listing.model.slug)
    assert viewed["views"] == 1
    assert viewed["label_en"] == f"{listing.make.name_en} {listing.model.name_en}"
