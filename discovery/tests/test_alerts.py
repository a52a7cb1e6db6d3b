"""discovery/alerts.py: saved query strings, and the alert check against the
real search engine (listings indexed by the relay, in this process)."""

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.alerts.models import Notification, SavedSearch
from core.alerts.services import saved_search_update
from core.listings.services import listing_update
from core.outbox.models import OutboxEntry
from discovery.alerts import (
    alert_matches_body,
    alerts_check,
    saved_query_normalize,
    saved_query_parse,
    saved_query_title,
)
from discovery.tasks import check_saved_searches_task
from indexer.relay import relay_outbox
from search.engine import get_engine
from search.engines.base import EngineUnavailable
from search.index import listings_alias
from search.params import parse_search_params
from testing.accounts import UserFactory
from testing.alerts import make_saved_search
from testing.catalog import CarModelFactory, toyota_land_cruiser
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


# --- query strings -------------------------------------------------------------------


def test_a_query_is_stored_in_one_canonical_form():
    assert (
        saved_query_normalize("price_max=9000.500&make=Toyota&make=nissan&page=3&utm_source=mail&year_min=2018")
        == "make=nissan&make=toyota&year_min=2018&price_max=9000.5"
    )


def test_a_pasted_search_address_is_accepted():
    assert saved_query_normalize("https://sayara.bh/search?make=toyota&sort=price_asc") == "make=toyota&sort=price_asc"


def test_the_default_sort_is_left_out():
    assert saved_query_normalize("q=air conditioned&sort=relevance") == "q=air+conditioned"
    assert saved_query_normalize("make=toyota&sort=newest") == "make=toyota"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("make=toyota&fuel=steam", "fuel: Unknown value 'steam'"),
        ("price_min=9000&price_max=100", "price_min: Must not be greater than price_max."),
        ("year_min=abc", "year_min: Must be a whole number"),
        ("q=" + "x" * 1001, "at most 1000 characters"),
        (None, "query string"),
        ("", "at least one filter"),
        ("?page=2&sort=newest", "at least one filter"),
        (["make=toyota"], "query string"),
    ],
)
def test_an_invalid_query_is_refused_naming_the_query_field(query, fragment):
    with pytest.raises(ValidationError) as caught:
        saved_query_parse(query)

    (field,) = caught.value.message_dict
    assert field == "query"
    assert fragment in " ".join(caught.value.message_dict["query"])


def test_a_search_saved_without_a_name_is_named_after_its_query():
    toyota_land_cruiser()

    title = saved_query_title(saved_query_parse("make=toyota&model=land-cruiser&price_max=9000&fuel=diesel&q=gxr"))

    assert title == "Toyota Land Cruiser, “gxr”, up to BHD 9,000, +1 filter"


def test_a_search_saved_without_a_name_by_an_arabic_reader_is_named_in_arabic():
    toyota_land_cruiser()
    request = saved_query_parse("make=toyota&model=land-cruiser&price_max=9000&fuel=diesel&fuel=hybrid&q=gxr")

    with translation.override("ar"):
        title = saved_query_title(request)
        everything = saved_query_title(saved_query_parse("price_min=85000.50&country=sa"))

    assert title == "تويوتا لاند كروزر، “gxr”، حتى 9,000 د.ب، +2 فلتر"
    assert everything == "من 85,000.50 ر.س"


def test_the_alert_body_is_the_buyer_search_narrowed_to_recent_listings_of_others():
    request = parse_search_params({"make": ["toyota"], "q": ["gxr"]}, allowed_values={})
    since = timezone.now()

    body = alert_matches_body(request, owner_id=7, since=since)

    assert "aggs" not in body
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"make": ["toyota"]}}]}}
    assert {"range": {"updated_at": {"gte": since.isoformat()}}} in body["query"]["bool"]["filter"]
    assert body["query"]["bool"]["must_not"] == [{"term": {"seller_id": 7}}]
    assert body["query"]["bool"]["must"]


# --- the check against the engine ----------------------------------------------------


def index_now() -> None:
    relay_outbox()
    get_engine().refresh(listings_alias())


def notified(saved_search: SavedSearch) -> set[int]:
    return set(Notification.objects.filter(saved_search=saved_search).values_list("listing_id", flat=True))


def test_new_matching_listings_of_others_notify_once(fresh_index):
    land_cruiser, sunny = toyota_land_cruiser(), CarModelFactory(slug="sunny")
    buyer = UserFactory()
    old = make_listing(car=land_cruiser, price="20000.000")
    saved = make_saved_search(user=buyer, query="make=toyota&price_max=30000")
    match = make_listing(car=land_cruiser, price="25000.000")
    too_dear = make_listing(car=land_cruiser, price="45000.000")
    other_make = make_listing(car=sunny, price="5000.000")
    own = make_listing(car=land_cruiser, price="25000.000", seller=buyer)
    index_now()

    first = alerts_check()
    second = alerts_check()

    assert notified(saved) == {match.pk}
    assert (first.searched, first.notified, second.notified) == (1, 1, 0)
    assert {old.pk, too_dear.pk, other_make.pk, own.pk}.isdisjoint(notified(saved))


def test_a_listing_that_comes_to_match_notifies(fresh_index):
    land_cruiser = toyota_land_cruiser()
    saved = make_saved_search(query="make=toyota&price_max=30000")
    listing = make_listing(car=land_cruiser, price="45000.000")
    index_now()
    alerts_check()
    assert notified(saved) == set()

    listing_update(listing_id=listing.pk, data={"price": "29000.000"})
    index_now()
    alerts_check()

    assert notified(saved) == {listing.pk}


def test_free_text_searches_alert_too(fresh_index, unique):
    land_cruiser = toyota_land_cruiser()
    saved = make_saved_search(query=saved_query_normalize(f"q={unique}"))
    match = make_listing(car=land_cruiser, description=f"One owner, {unique}")
    make_listing(car=land_cruiser, description="One owner")
    index_now()

    alerts_check()

    assert notified(saved) == {match.pk}


def test_a_change_the_index_has_not_seen_holds_the_cursor_back(fresh_index):
    land_cruiser = toyota_land_cruiser()
    saved = make_saved_search(query="make=toyota")
    listing = make_listing(car=land_cruiser)
    pending = OutboxEntry.objects.get(listing_id=listing.pk)

    alerts_check()
    saved.refresh_from_db()
    assert saved.checked_until <= pending.created_at
    assert notified(saved) == set()

    index_now()
    alerts_check()
    assert notified(saved) == {listing.pk}


def test_searches_nothing_new_can_match_are_not_sent_to_the_engine(fresh_index):
    saved = make_saved_search(query="make=toyota")
    make_listing(car=toyota_land_cruiser())
    index_now()
    SavedSearch.objects.filter(pk=saved.pk).update(
        alert_since=timezone.now() + datetime.timedelta(hours=1), checked_until=timezone.now() + datetime.timedelta(hours=1)
    )

    run = alerts_check()

    assert (run.searched, run.skipped) == (0, 1)


def test_a_silenced_alert_is_not_checked(fresh_index):
    saved = make_saved_search(query="make=toyota")
    saved_search_update(saved_search=saved, changes={"alert": False})
    make_listing(car=toyota_land_cruiser())
    index_now()

    run = alerts_check()

    assert (run.searched, run.skipped) == (0, 0)
    assert notified(saved) == set()


@pytest.fixture
def engine_down(settings):
    settings.SEARCH_URL = "http://127.0.0.1:1"
    get_engine.cache_clear()
    yield
    get_engine.cache_clear()


def test_with_the_engine_down_nothing_moves_and_the_task_logs(engine_down, caplog):
    saved = make_saved_search(query="make=toyota")
    before = saved.checked_until

    with pytest.raises(EngineUnavailable):
        alerts_check()
    with caplog.at_level(logging.WARNING, logger="discovery.tasks"):
        assert check_saved_searches_task() == {}

    saved.refresh_from_db()
    assert saved.checked_until == before
    assert "alerts.engine_unavailable" in [record.msg for record in caplog.records]
