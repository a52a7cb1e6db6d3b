"""core/favorites/services.py and selectors.py against the real PostgreSQL."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.favorites.models import Favorite
from core.favorites.selectors import favorite_listing_ids, favorites_for_user
from core.favorites.services import favorite_add, favorite_remove
from core.listings.models import Listing
from core.listings.services import listing_mark_sold, listing_update, listing_withdraw
from testing.accounts import UserFactory
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def test_adding_keeps_the_price_of_the_moment_and_is_idempotent():
    buyer = UserFactory()
    listing = make_listing(price="9000.000")

    first = favorite_add(user=buyer, listing_id=listing.pk)
    listing_update(listing_id=listing.pk, data={"price": "8000.000"})
    again = favorite_add(user=buyer, listing_id=listing.pk)

    assert again == first
    assert Favorite.objects.filter(user=buyer).count() == 1
    again.refresh_from_db()
    assert again.saved_price == Decimal("9000.000")
    assert again.price_dropped


def test_a_listing_the_buyer_cannot_see_cannot_be_added():
    buyer = UserFactory()
    draft = make_listing(publish=False)

    with pytest.raises(Listing.DoesNotExist):
        favorite_add(user=buyer, listing_id=draft.pk)
    with pytest.raises(Listing.DoesNotExist):
        favorite_add(user=buyer, listing_id=draft.pk + 10_000)


def test_the_number_of_favourites_is_capped(settings):
    settings.FAVORITES_MAX = 1
    buyer = UserFactory()
    favorite_add(user=buyer, listing_id=make_listing().pk)

    with pytest.raises(ValidationError) as caught:
        favorite_add(user=buyer, listing_id=make_listing().pk)

    assert "at most 1 favourites" in caught.value.message_dict["non_field_errors"][0]


def test_removing_is_idempotent():
    buyer = UserFactory()
    listing = make_listing()
    favorite_add(user=buyer, listing_id=listing.pk)

    favorite_remove(user=buyer, listing_id=listing.pk)
    favorite_remove(user=buyer, listing_id=listing.pk)

    assert not Favorite.objects.filter(user=buyer).exists()


def test_the_list_is_newest_first_and_drops_listings_off_the_market():
    buyer = UserFactory()
    older, newer, sold = make_listing(), make_listing(), make_listing()
    for listing in (older, newer, sold):
        favorite_add(user=buyer, listing_id=listing.pk)
    listing_mark_sold(listing_id=sold.pk)

    assert [favorite.listing_id for favorite in favorites_for_user(user=buyer)] == [newer.pk, older.pk]
    assert favorite_listing_ids(user=buyer) == [newer.pk, older.pk]


def test_a_seller_keeps_seeing_their_own_draft_among_favourites():
    seller = UserFactory()
    listing = make_listing(seller=seller)
    favorite_add(user=seller, listing_id=listing.pk)

    listing_withdraw(listing_id=listing.pk)

    assert [favorite.listing_id for favorite in favorites_for_user(user=seller)] == [listing.pk]


def test_favourites_are_the_user_s_own():
    buyer, other = UserFactory(), UserFactory()
    favorite_add(user=buyer, listing_id=make_listing().pk)

    assert list(favorites_for_user(user=other)) == []
