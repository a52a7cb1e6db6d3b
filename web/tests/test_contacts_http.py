"""Call and WhatsApp through the API: the seller chooses what buyers see beside
chat; a signed-in buyer reveals the number (a lead), within a limit."""

from urllib.parse import parse_qs, urlparse

import pytest

from core.listings.models import ListingLead
from testing.accounts import UserFactory
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def seller_showing(**choices):
    return UserFactory(phone="+97333123456", **choices)


def reveal(api, listing, **body):
    return api.post(f"/api/v1/listings/{listing.pk}/phone", body, format="json")


def test_a_buyer_reveals_the_number_and_gets_a_whatsapp_link_naming_the_car(api, settings):
    settings.SITE_URL = "https://sayara.example"
    listing = make_listing(seller=seller_showing(shows_call=True, shows_whatsapp=True))
    api.force_authenticate(UserFactory(preferred_language="en"))

    shown = api.get(f"/api/v1/listings/{listing.pk}").json()["seller"]
    answer = reveal(api, listing, channel="whatsapp")

    assert shown["contacts"] == ["call", "whatsapp"]
    assert "phone" not in shown
    assert answer.status_code == 200
    body = answer.json()
    assert body["phone"] == "+97333123456" and body["call"] is True
    link = urlparse(body["whatsapp_url"])
    assert (link.scheme, link.netloc, link.path) == ("https", "wa.me", "/97333123456")
    text = parse_qs(link.query)["text"][0]
    assert f"{listing.year} {listing.make.name_en} {listing.model.name_en}" in text
    assert f"https://sayara.example/listings/{listing.pk}" in text
    assert list(ListingLead.objects.filter(listing=listing).values_list("channel", flat=True)) == ["whatsapp"]


def test_a_saudi_sellers_number_calls_and_whatsapps_in_international_form(api):
    seller = UserFactory(country="sa", phone="+966501234567", shows_call=True, shows_whatsapp=True)
    listing = make_listing(seller=seller, country="sa", region="riyadh", price="85000.00")
    api.force_authenticate(UserFactory())

    body = reveal(api, listing, channel="whatsapp").json()

    assert body["phone"] == "+966501234567"
    assert urlparse(body["whatsapp_url"]).path == "/966501234567"


def test_the_whatsapp_message_follows_the_buyers_language(api):
    listing = make_listing(seller=seller_showing(shows_whatsapp=True))
    api.force_authenticate(UserFactory(preferred_language="ar"))

    text = parse_qs(urlparse(reveal(api, listing).json()["whatsapp_url"]).query)["text"][0]

    assert "مرحبًا" in text and listing.model.name_ar in text


def test_anonymous_buyers_sign_in_first_and_chat_only_sellers_have_no_number(api):
    listing = make_listing(seller=seller_showing(shows_call=True))
    chat_only = make_listing(seller=UserFactory(phone="+97333999888"))

    assert reveal(api, listing).status_code == 401
    api.force_authenticate(UserFactory())
    assert reveal(api, chat_only).status_code == 404
    assert api.get(f"/api/v1/listings/{chat_only.pk}").json()["seller"]["contacts"] == []
    # Calls only: no WhatsApp link, and no WhatsApp lead.
    assert reveal(api, listing).json()["whatsapp_url"] is None
    assert reveal(api, listing, channel="whatsapp").status_code == 400
    assert reveal(api, listing, channel="pigeon").status_code == 400
    assert ListingLead.objects.filter(listing=listing).count() == 1
    draft = make_listing(seller=seller_showing(shows_call=True), publish=False)
    assert reveal(api, draft).status_code == 404


def test_reveals_are_limited_per_buyer(api, settings):
    settings.PHONE_REVEALS_PER_HOUR = 2
    listing = make_listing(seller=seller_showing(shows_call=True))
    api.force_authenticate(UserFactory())

    answers = [reveal(api, listing).status_code for _ in range(3)]
    limited = reveal(api, listing)

    assert answers == [200, 200, 429]
    assert int(limited["Retry-After"]) > 0
    assert ListingLead.objects.filter(listing=listing).count() == 2
    # Another buyer is not limited by this one.
    api.force_authenticate(UserFactory())
    assert reveal(api, listing).status_code == 200


def test_a_seller_chooses_the_buttons_and_needs_a_phone_for_them(api):
    user = UserFactory(phone="")
    api.force_authenticate(user)

    refused = api.patch("/api/v1/me", {"shows_whatsapp": True}, format="json")
    chosen = api.patch("/api/v1/me", {"phone": "+97333123456", "shows_whatsapp": True}, format="json")
    bad = api.patch("/api/v1/me", {"shows_call": "yes"}, format="json")

    assert refused.status_code == 400 and "phone" in refused.json()
    assert chosen.status_code == 200 and chosen.json()["shows_whatsapp"] is True and chosen.json()["shows_call"] is False
    assert bad.status_code == 400 and "shows_call" in bad.json()
