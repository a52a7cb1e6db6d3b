"""The "≈ in your currency" price in the lists a buyer keeps (docs/API-notes/exchange-rates.md):
favourites, saved searches' notifications, conversations and sellers' pages price their
listings also in the `display_currency` asked, at the rate staff set."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from core.accounts.models import User
from core.alerts.services import notifications_record
from core.catalog.models import ExchangeRate
from core.favorites.services import favorite_add
from core.listings.models import Listing
from core.messaging.models import Conversation
from testing.accounts import UserFactory
from testing.alerts import make_saved_search
from testing.listings import make_listing
from testing.messaging import reset_send_limits, start_conversation

pytestmark = pytest.mark.django_db


@dataclass
class Kept:
    buyer: User
    listing: Listing
    conversation: Conversation


@pytest.fixture
def kept(api: Any) -> Kept:
    """A Saudi car (SAR 85,000.50) a Bahraini buyer favourited, was alerted to and wrote about."""
    reset_send_limits()
    buyer = UserFactory()
    saved = make_saved_search(user=buyer, query="country=sa")
    listing = make_listing(country="sa", region="riyadh", price="85000.50")
    favorite_add(user=buyer, listing_id=listing.pk)
    notifications_record(saved_search_id=saved.pk, query=saved.query, listing_ids=[listing.pk], checked_until=saved.created_at)
    conversation = start_conversation(buyer=buyer, listing=listing)
    api.force_authenticate(buyer)
    return Kept(buyer, listing, conversation)


# Each list: its address, and where its one listing's price_approx is in the answer.
LISTS: dict[str, tuple[Callable[[Kept], str], Callable[[dict], Any]]] = {
    "favourites": (lambda kept: "/api/v1/me/favorites", lambda body: body["results"][0]["price_approx"]),
    "notifications": (lambda kept: "/api/v1/me/notifications", lambda body: body["results"][0]["listing"]["price_approx"]),
    "conversations": (lambda kept: "/api/v1/conversations", lambda body: body["results"][0]["listing"]["price_approx"]),
    "conversation": (lambda kept: f"/api/v1/conversations/{kept.conversation.pk}", lambda body: body["listing"]["price_approx"]),
    "seller": (
        lambda kept: f"/api/v1/sellers/{kept.listing.seller_id}",
        lambda body: body["listings"]["results"][0]["price_approx"],
    ),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_a_kept_listing_shows_its_price_in_the_buyers_currency_once_staff_set_a_rate(api, kept, name):
    url, price_approx = LISTS[name]
    address = url(kept)

    before = api.get(address, {"display_currency": "BHD"})
    ExchangeRate.objects.create(base="SAR", quote="BHD", rate="0.0997")
    asked = api.get(address, {"display_currency": "bhd"})

    assert before.status_code == 200, before.content[:500]
    assert price_approx(before.json()) is None  # no rate set yet
    assert price_approx(asked.json()) == {"currency": "BHD", "price": "8474.550"}
    assert price_approx(api.get(address).json()) is None  # none asked
    assert price_approx(api.get(address, {"display_currency": "SAR"}).json()) is None  # its own currency


@pytest.mark.parametrize("name", list(LISTS))
def test_an_unknown_display_currency_is_a_400_naming_it_in_the_users_language(api, kept, name):
    url, _ = LISTS[name]

    english = api.get(url(kept), {"display_currency": "USD"})
    arabic = api.get(url(kept), {"display_currency": "USD"}, HTTP_ACCEPT_LANGUAGE="ar")

    assert english.status_code == 400
    assert english.json() == {"display_currency": ["Must be one of: BHD, SAR, AED, KWD, QAR, OMR."]}
    assert arabic.status_code == 400 and list(arabic.json()) == ["display_currency"]
    assert "Must" not in arabic.json()["display_currency"][0]


def test_a_first_message_with_an_unknown_currency_is_refused_before_it_is_sent(api):
    reset_send_limits()
    buyer = UserFactory()
    api.force_authenticate(buyer)
    listing = make_listing(country="sa", region="riyadh", price="85000.50")
    ExchangeRate.objects.create(base="SAR", quote="BHD", rate="0.0997")
    body = {"listing_id": listing.pk, "body": "Is it still for sale?"}

    refused = api.post("/api/v1/conversations?display_currency=USD", body, format="json")
    started = api.post("/api/v1/conversations?display_currency=BHD", body, format="json")

    assert refused.status_code == 400 and list(refused.json()) == ["display_currency"]
    assert started.status_code == 201
    assert Conversation.objects.filter(buyer=buyer).count() == 1
    assert started.json()["listing"]["price_approx"] == {"currency": "BHD", "price": "8474.550"}
