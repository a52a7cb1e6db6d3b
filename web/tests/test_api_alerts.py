"""web/api/alerts.py and web/api/favorites.py: input validation and the shapes
of answers, in process (the HTTP tests cover the flows)."""

import pytest
from rest_framework.test import APIClient

from core.alerts.services import notifications_record
from testing.accounts import UserFactory, token_for
from testing.alerts import make_saved_search
from testing.catalog import catalog_model, toyota_land_cruiser
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(api):
    user = UserFactory()
    api.force_authenticate(user)
    return user


def test_saving_a_search_answers_it_canonical_and_named(api, buyer):
    toyota_land_cruiser()

    answer = api.post("/api/v1/me/saved-searches", {"query": "?price_max=9000&make=Toyota&page=2"}, format="json")

    assert answer.status_code == 201
    body = answer.json()
    assert {key: body[key] for key in ("name", "query", "alert", "unread_count")} == {
        "name": "Toyota, up to BHD 9,000",
        "query": "make=toyota&price_max=9000",
        "alert": True,
        "unread_count": 0,
    }


def test_a_saved_search_stores_the_filters_its_words_mean(api, buyer):
    catalog_model("nissan", "patrol")

    answer = api.post("/api/v1/me/saved-searches", {"query": "q=nissan patrol under 12000 clean"}, format="json")

    assert answer.status_code == 201
    assert answer.json()["query"] == "q=clean&make=nissan&model=patrol&price_max=12000"
    assert answer.json()["name"] == "Nissan Patrol, “clean”, up to BHD 12,000"


def test_a_search_saved_without_a_name_is_named_in_the_buyers_language():
    catalog_model("nissan", "patrol")
    arabic_reader = UserFactory(preferred_language="ar")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Token {token_for(arabic_reader)}")

    answer = client.post("/api/v1/me/saved-searches", {"query": "make=nissan&model=patrol&price_max=12000"}, format="json")
    everything = client.post("/api/v1/me/saved-searches", {"query": "sort=price_asc"}, format="json")

    assert answer.status_code == everything.status_code == 201
    assert answer.json()["name"] == "نيسان باترول، حتى 12,000 د.ب"
    assert everything.json()["name"] == "كل السيارات"


def test_a_search_saved_literally_keeps_its_words(api, buyer):
    catalog_model("nissan", "patrol")

    answer = api.post("/api/v1/me/saved-searches", {"query": "q=patrol under 12000&literal=1"}, format="json")

    assert answer.json()["query"] == "q=patrol+under+12000&literal=1"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"query": "make=toyota&year_min=1800"}, {"query"}),
        ({"query": 42}, {"query"}),
        ({"name": "x" * 81, "query": "make=toyota"}, {"name"}),
        ({"query": "make=toyota", "alert": "sometimes"}, {"alert"}),
    ],
)
def test_bad_saved_searches_are_refused_naming_the_field(api, buyer, body, fields):
    answer = api.post("/api/v1/me/saved-searches", body, format="json")

    assert answer.status_code == 400
    assert set(answer.json()) == fields


def test_a_json_array_body_is_refused(api, buyer):
    answer = api.post("/api/v1/me/saved-searches", ["make=toyota"], format="json")

    assert answer.status_code == 400
    assert answer.json() == {"non_field_errors": ["Send a JSON object."]}


def test_the_same_search_saved_twice_is_refused(api, buyer):
    api.post("/api/v1/me/saved-searches", {"name": "Mine", "query": "make=toyota&make=nissan"}, format="json")

    again = api.post("/api/v1/me/saved-searches", {"name": "Again", "query": "make=nissan&make=toyota"}, format="json")

    assert again.status_code == 400
    assert again.json() == {"query": ["You already saved this search as “Mine”."]}


def test_the_cap_on_saved_searches_is_explained(api, buyer, settings):
    settings.SAVED_SEARCHES_MAX = 1
    api.post("/api/v1/me/saved-searches", {"query": "make=toyota"}, format="json")

    answer = api.post("/api/v1/me/saved-searches", {"query": "make=nissan"}, format="json")

    assert answer.status_code == 400
    assert "at most 1 saved searches" in answer.json()["non_field_errors"][0]


def test_a_saved_search_is_renamed_silenced_and_requeried(api, buyer):
    saved = make_saved_search(user=buyer)

    answer = api.patch(
        f"/api/v1/me/saved-searches/{saved.pk}", {"name": "Cheap", "alert": False, "query": "price_max=3000"}, format="json"
    )
    bad = api.patch(f"/api/v1/me/saved-searches/{saved.pk}", {"query": "fuel=coal"}, format="json")

    assert answer.status_code == 200
    assert {key: answer.json()[key] for key in ("name", "alert", "query")} == {
        "name": "Cheap",
        "alert": False,
        "query": "price_max=3000",
    }
    assert bad.status_code == 400 and list(bad.json()) == ["query"]


def test_saved_searches_list_newest_first_in_pages(api, buyer):
    older = make_saved_search(user=buyer, query="make=toyota")
    newer = make_saved_search(user=buyer, query="make=nissan")

    page = api.get("/api/v1/me/saved-searches", {"page_size": 1, "page": 2}).json()

    assert (page["count"], page["page"], page["page_size"]) == (2, 2, 1)
    assert [row["id"] for row in page["results"]] == [older.pk]
    assert api.get("/api/v1/me/saved-searches").json()["results"][0]["id"] == newer.pk


def test_deleting_a_saved_search_deletes_its_notifications(api, buyer):
    saved = make_saved_search(user=buyer)
    listing = make_listing()
    notifications_record(saved_search_id=saved.pk, query=saved.query, listing_ids=[listing.pk], checked_until=saved.created_at)

    assert api.delete(f"/api/v1/me/saved-searches/{saved.pk}").status_code == 204
    assert api.get(f"/api/v1/me/saved-searches/{saved.pk}").status_code == 404
    assert api.get("/api/v1/me/notifications").json()["count"] == 0


def test_notifications_filter_by_saved_search_and_unread(api, buyer):
    toyota = make_saved_search(user=buyer, query="make=toyota")
    nissan = make_saved_search(user=buyer, query="make=nissan")
    first, second = make_listing(), make_listing()
    for saved, listing in ((toyota, first), (nissan, second)):
        notifications_record(
            saved_search_id=saved.pk, query=saved.query, listing_ids=[listing.pk], checked_until=saved.created_at
        )
    api.post("/api/v1/me/notifications/read", {"saved_search": nissan.pk}, format="json")

    only_toyota = api.get("/api/v1/me/notifications", {"saved_search": toyota.pk}).json()
    unread = api.get("/api/v1/me/notifications", {"unread": "1"}).json()
    everything = api.get("/api/v1/me/notifications").json()

    assert [row["listing"]["id"] for row in only_toyota["results"]] == [first.pk]
    assert [row["listing"]["id"] for row in unread["results"]] == [first.pk]
    assert [row["listing"]["id"] for row in everything["results"]] == [second.pk, first.pk]
    assert everything["unread_count"] == 1
    assert everything["results"][0]["read_at"] is not None


@pytest.mark.parametrize(("params", "field"), [({"unread": "maybe"}, "unread"), ({"saved_search": "x"}, "saved_search")])
def test_bad_notification_filters_are_named(api, buyer, params, field):
    answer = api.get("/api/v1/me/notifications", params)

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_marking_read_without_saying_what_is_refused(api, buyer):
    answer = api.post("/api/v1/me/notifications/read", {}, format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == ["ids"]


def test_the_favourites_page_is_empty_at_first(api, buyer):
    assert api.get("/api/v1/me/favorites").json() == {"count": 0, "page": 1, "page_size": 24, "results": []}
