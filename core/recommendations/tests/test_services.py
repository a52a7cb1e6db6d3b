import datetime

import pytest
from django.utils import timezone

from core.favorites.services import favorite_add
from core.listings.services import listing_mark_sold
from core.recommendations.models import ListingNeighbors, Signal, Subject
from core.recommendations.selectors import subject_history, training_histories
from core.recommendations.services import (
    history_clear,
    neighbors_recompute,
    recommendations_set_enabled,
    signal_record,
    signals_purge,
    subject_for_user,
    visitor_history_adopt,
)
from core.recommendations.weights import SIGNAL_WEIGHTS
from testing.accounts import UserFactory
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def test_a_signal_is_recorded_once_per_kind_and_counted():
    listing = make_listing()

    assert signal_record(subject_key="v:a", user_id=None, listing_id=listing.pk, kind="view")
    assert signal_record(subject_key="v:a", user_id=None, listing_id=listing.pk, kind="view")

    (signal,) = Signal.objects.all()
    assert (signal.kind, signal.count) == ("view", 2)


def test_own_inactive_and_opted_out_are_not_recorded():
    seller = UserFactory()
    own, sold, fine = make_listing(seller=seller), make_listing(), make_listing()
    listing_mark_sold(listing_id=sold.pk)
    recommendations_set_enabled(subject=subject_for_user(user_id=UserFactory().pk), enabled=True)
    off = Subject.objects.create(key="v:off", enabled=False)

    assert not signal_record(subject_key=f"u:{seller.pk}", user_id=seller.pk, listing_id=own.pk, kind="view")
    assert not signal_record(subject_key="v:x", user_id=None, listing_id=sold.pk, kind="view")
    assert not signal_record(subject_key=off.key, user_id=None, listing_id=fine.pk, kind="view")
    with pytest.raises(ValueError):
        signal_record(subject_key="v:x", user_id=None, listing_id=fine.pk, kind="favorite")  # read from favourites
    assert Signal.objects.count() == 0


def test_history_weighs_kinds_decays_with_time_and_ends_where_it_was_cleared():
    buyer = UserFactory()
    viewed, kept = make_listing(), make_listing()
    subject = subject_for_user(user_id=buyer.pk)
    signal_record(subject_key=subject.key, user_id=buyer.pk, listing_id=viewed.pk, kind="view")
    favorite_add(user=buyer, listing_id=kept.pk)
    later = timezone.now() + datetime.timedelta(days=14)

    history = subject_history(subject=subject, user_id=buyer.pk, now=later)

    assert history[viewed.pk].weight == pytest.approx(SIGNAL_WEIGHTS["view"] / 2, rel=0.01)
    assert history[kept.pk].kinds == {"favorite"}
    history_clear(subject=subject)
    assert subject_history(subject=subject, user_id=buyer.pk) == {}


def test_the_job_learns_from_everyone_but_those_who_opted_out():
    a, b, c = make_listing(), make_listing(), make_listing()
    for key in ("v:1", "v:2"):
        for listing in (a, b):
            signal_record(subject_key=key, user_id=None, listing_id=listing.pk, kind="view")
    for listing in (a, c):
        signal_record(subject_key="v:3", user_id=None, listing_id=listing.pk, kind="view")
    recommendations_set_enabled(subject=Subject.objects.get(key="v:3"), enabled=False)

    assert neighbors_recompute() >= 2

    row = ListingNeighbors.objects.get(listing_id=a.pk)
    assert [other for other, _ in row.neighbors] == [b.pk]
    assert len(training_histories()) == 2


def test_a_visitor_who_signs_in_brings_their_history():
    buyer, listing = UserFactory(), make_listing()
    signal_record(subject_key="v:browser", user_id=None, listing_id=listing.pk, kind="long_view")

    assert visitor_history_adopt(visitor_key="v:browser", user_id=buyer.pk) == 1

    assert list(Signal.objects.values_list("subject__key", "kind")) == [(f"u:{buyer.pk}", "long_view")]
    assert not Subject.objects.filter(key="v:browser").exists()


def test_the_purge_forgets_idle_visitors_and_old_signals(settings):
    listing = make_listing()
    signal_record(subject_key="v:idle", user_id=None, listing_id=listing.pk, kind="view")
    Subject.objects.filter(key="v:idle").update(
        last_seen_at=timezone.now() - datetime.timedelta(days=settings.RECOMMENDATIONS_VISITOR_DAYS + 1)
    )

    assert signals_purge() >= 1

    assert not Subject.objects.filter(key="v:idle").exists() and Signal.objects.count() == 0
