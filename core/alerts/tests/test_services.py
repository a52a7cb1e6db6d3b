"""core/alerts/services.py and selectors.py against the real PostgreSQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.alerts.models import Notification, SavedSearch
from core.alerts.selectors import (
    notifications_for_user,
    notifications_unread_count,
    saved_search_get,
    saved_searches_alerting,
    saved_searches_for_user,
)
from core.alerts.services import (
    notifications_mark_read,
    notifications_record,
    saved_search_create,
    saved_search_update,
    saved_searches_mark_checked,
)
from core.listings.services import listing_mark_sold
from testing.accounts import UserFactory
from testing.alerts import make_saved_search
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def later(seconds: int = 60) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=seconds)


def record(saved_search: SavedSearch, *listings, checked_until=None) -> int:
    return notifications_record(
        saved_search_id=saved_search.pk,
        query=saved_search.query,
        listing_ids=[listing.pk for listing in listings],
        checked_until=checked_until or later(),
    )


def test_create_names_every_bad_field():
    with pytest.raises(ValidationError) as caught:
        saved_search_create(user=UserFactory(), name=" ", query="make=toyota", alert="yes")

    assert set(caught.value.message_dict) == {"name", "alert"}


def test_the_same_query_is_saved_once_per_user():
    buyer = UserFactory()
    make_saved_search(user=buyer, query="make=toyota", name="Toyotas")

    with pytest.raises(ValidationError) as caught:
        make_saved_search(user=buyer, query="make=toyota", name="Again")

    assert caught.value.message_dict == {"query": ["You already saved this search as “Toyotas”."]}
    make_saved_search(query="make=toyota")


def test_the_number_of_saved_searches_is_capped(settings):
    settings.SAVED_SEARCHES_MAX = 2
    buyer = UserFactory()
    make_saved_search(user=buyer, query="make=toyota")
    make_saved_search(user=buyer, query="make=nissan")

    with pytest.raises(ValidationError) as caught:
        make_saved_search(user=buyer, query="make=honda")

    assert "at most 2 saved searches" in caught.value.message_dict["non_field_errors"][0]


def test_turning_the_alert_back_on_starts_from_now():
    saved = make_saved_search(alert=False)
    before = saved.alert_since

    saved_search_update(saved_search=saved, changes={"alert": True, "name": "  Renamed  "})

    saved.refresh_from_db()
    assert saved.alert and saved.name == "Renamed"
    assert saved.alert_since > before
    assert saved.checked_until == saved.alert_since


def test_renaming_keeps_the_alert_cursor():
    saved = make_saved_search()
    before = saved.alert_since

    saved_search_update(saved_search=saved, changes={"name": "Other"})

    saved.refresh_from_db()
    assert saved.alert_since == before


def test_changing_the_query_to_one_already_saved_is_refused():
    buyer = UserFactory()
    make_saved_search(user=buyer, query="make=toyota", name="Toyotas")
    other = make_saved_search(user=buyer, query="make=nissan")

    with pytest.raises(ValidationError) as caught:
        saved_search_update(saved_search=other, changes={"query": "make=toyota"})

    assert list(caught.value.message_dict) == ["query"]


def test_a_match_notifies_once_and_advances_the_cursor():
    saved = make_saved_search()
    listing = make_listing()
    until = later()

    assert record(saved, listing, checked_until=until) == 1
    assert record(saved, listing) == 0

    saved.refresh_from_db()
    assert saved.checked_until >= until
    (notification,) = Notification.objects.filter(saved_search=saved)
    assert (notification.user_id, notification.listing_id, notification.kind) == (saved.user_id, listing.pk, "new_match")


def test_no_notification_for_own_inactive_or_older_listings():
    buyer = UserFactory()
    own = make_listing(seller=buyer)
    sold = make_listing()
    listing_mark_sold(listing_id=sold.pk)
    draft = make_listing(publish=False)
    older = make_listing()
    saved = make_saved_search(user=buyer)

    assert record(saved, own, sold, draft, older) == 0


def test_matches_of_a_changed_query_or_a_silenced_alert_are_dropped():
    saved = make_saved_search(query="make=toyota")
    listing = make_listing()
    saved.refresh_from_db()
    stale_query = notifications_record(
        saved_search_id=saved.pk, query="make=nissan", listing_ids=[listing.pk], checked_until=later()
    )
    saved_search_update(saved_search=saved, changes={"alert": False})

    assert stale_query == 0
    assert record(saved, listing) == 0


def test_mark_checked_moves_only_older_cursors_forward():
    ahead = make_saved_search(query="make=toyota")
    behind = make_saved_search(query="make=nissan")
    SavedSearch.objects.filter(pk=ahead.pk).update(checked_until=later(600))
    until = later(60)

    assert saved_searches_mark_checked(saved_search_ids=[ahead.pk, behind.pk], checked_until=until) == 1

    behind.refresh_from_db()
    assert behind.checked_until == until


def test_alerting_lists_searches_with_the_alert_on_for_active_users_oldest_cursor_first():
    first = make_saved_search(query="make=toyota")
    second = make_saved_search(query="make=nissan")
    make_saved_search(query="make=honda", alert=False)
    make_saved_search(user=UserFactory(is_active=False), query="make=kia")
    SavedSearch.objects.filter(pk=second.pk).update(checked_until=first.checked_until - datetime.timedelta(minutes=1))

    assert list(saved_searches_alerting()) == [second, first]


def test_notifications_list_newest_first_and_hide_listings_off_the_market():
    saved = make_saved_search()
    first, second, gone = make_listing(), make_listing(), make_listing()
    record(saved, first)
    record(saved, second, gone)
    listing_mark_sold(listing_id=gone.pk)

    listed = list(notifications_for_user(user=saved.user))

    assert [notification.listing_id for notification in listed] == [second.pk, first.pk]
    assert notifications_unread_count(user=saved.user) == 2
    assert saved_search_get(user=saved.user, saved_search_id=saved.pk).unread_count == 2


def test_mark_read_by_ids_by_saved_search_or_all_and_never_another_user_s():
    toyota = make_saved_search(query="make=toyota")
    buyer = toyota.user
    nissan = make_saved_search(user=buyer, query="make=nissan")
    stranger = make_saved_search()
    a, b, c = make_listing(), make_listing(), make_listing()
    record(toyota, a, b)
    record(nissan, c)
    record(stranger, a)
    theirs = Notification.objects.get(saved_search=stranger)
    first = Notification.objects.get(saved_search=toyota, listing=a)

    assert notifications_mark_read(user=buyer, ids=[first.pk, theirs.pk]) == 1
    assert notifications_unread_count(user=buyer) == 2
    assert notifications_mark_read(user=buyer, saved_search_id=nissan.pk) == 1
    assert notifications_mark_read(user=buyer, everything=True) == 1
    assert notifications_unread_count(user=buyer) == 0
    assert notifications_unread_count(user=stranger.user) == 1
    assert [row.unread_count for row in saved_searches_for_user(user=buyer)] == [0, 0]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({}, "ids"),
        ({"ids": "1,2"}, "ids"),
        ({"ids": [1, True]}, "ids"),
        ({"ids": list(range(1001))}, "ids"),
        ({"saved_search_id": "x"}, "saved_search"),
    ],
)
def test_mark_read_names_bad_input(arguments, field):
    with pytest.raises(ValidationError) as caught:
        notifications_mark_read(user=UserFactory(), **arguments)

    assert list(caught.value.message_dict) == [field]
