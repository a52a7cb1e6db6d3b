"""The Arabic sweep (web/tests/test_arabic_errors_http.py) over what issue 18
added: unusual prices, likely duplicates, Call and WhatsApp, reports, phone codes, contact choices
and a seller's numbers (and a few older refusals the first sweep misses). Each refusal is provoked in Arabic, its status checked
(so the sweep cannot pass by asking nothing), and no English sentence may be
left in any answer, nor in the SMS that carries the code."""

import json
import re
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from core.catalog.values import expected_price
from testing.accounts import UserFactory, fresh_phone
from testing.catalog import catalog_model, toyota_land_cruiser
from testing.listings import listing_data, make_listing
from web.tests.test_arabic_errors_http import ENGLISH, client_for, texts

pytestmark = pytest.mark.django_db


def _sweep() -> list[tuple[str, int, object]]:
    """(what was asked, the status expected, the answer) for each refusal, asked in Arabic."""
    seller = UserFactory(preferred_language="ar", phone="", shows_call=False, shows_whatsapp=False)
    buyer = UserFactory(preferred_language="ar")
    calls_only = UserFactory(preferred_language="ar", phone=fresh_phone(), shows_call=True)
    chat_only_car = make_listing(seller=seller, car=toyota_land_cruiser())
    callable_car = make_listing(seller=calls_only, car=toyota_land_cruiser())
    as_seller, as_buyer, anonymous = client_for(seller), client_for(buyer), client_for()

    giulia = catalog_model("alfa-romeo", "giulia")
    typical = expected_price(make="alfa-romeo", model="giulia", year=2019, this_year=timezone.localdate().year)
    assert typical is not None
    asked_low = listing_data(giulia, year=2019, price=str((typical * Decimal("0.2")).quantize(Decimal("0.001"))))
    # A Giulia the seller has on sale (its title theirs, in Arabic), then the same car again.
    on_sale = {"year": 2021, "price": str(typical.quantize(Decimal("0.001")))}
    make_listing(seller=seller, car=giulia, title="جوليا بحالة الوكالة", **on_sale)

    asks = [
        ("a price to confirm", 400, as_seller.post("/api/v1/listings", asked_low, format="json")),
        ("a scam price", 400, as_seller.post("/api/v1/listings", {**asked_low, "price": "1.500"}, format="json")),
        ("a car already on sale", 400, as_seller.post("/api/v1/listings", listing_data(giulia, **on_sale), format="json")),
        ("my listings in no status", 400, as_seller.get("/api/v1/me/listings", {"status": "gone"})),
        ("the number of a chat-only seller", 404, as_buyer.post(f"/api/v1/listings/{chat_only_car.pk}/phone", {}, format="json")),
        (
            "WhatsApp from a seller who takes calls only",
            400,
            as_buyer.post(f"/api/v1/listings/{callable_car.pk}/phone", {"channel": "whatsapp"}, format="json"),
        ),
        (
            "a contact that is not one",
            400,
            as_buyer.post(f"/api/v1/listings/{callable_car.pk}/phone", {"channel": "fax"}, format="json"),
        ),
        ("a number, signed out", 401, anonymous.post(f"/api/v1/listings/{callable_car.pk}/phone", {}, format="json")),
    ]
    as_buyer.post(f"/api/v1/listings/{callable_car.pk}/phone", {}, format="json")
    asks += [
        ("numbers past the hour's limit", 429, as_buyer.post(f"/api/v1/listings/{callable_car.pk}/phone", {}, format="json")),
        (
            "a report for no reason",
            400,
            as_buyer.post(f"/api/v1/listings/{callable_car.pk}/reports", {"reason": "boring", "note": 5}, format="json"),
        ),
        (
            "a report of my own listing",
            400,
            as_seller.post(f"/api/v1/listings/{chat_only_car.pk}/reports", {"reason": "scam"}, format="json"),
        ),
    ]
    as_buyer.post(f"/api/v1/listings/{callable_car.pk}/reports", {"reason": "scam"}, format="json")
    asks += [
        (
            "reports past the hour's limit",
            429,
            as_buyer.post(f"/api/v1/listings/{chat_only_car.pk}/reports", {"reason": "sold"}, format="json"),
        ),
        ("Call and WhatsApp as words", 400, as_seller.patch("/api/v1/me", {"shows_call": "yes"}, format="json")),
        ("Call without a phone", 400, as_seller.patch("/api/v1/me", {"shows_whatsapp": True}, format="json")),
        ("a code without a phone", 400, as_seller.post("/api/v1/me/phone/verify", {}, format="json")),
        ("a code to a bad number", 400, as_seller.post("/api/v1/me/phone/verify", {"phone": "12"}, format="json")),
        ("a code never sent", 400, as_seller.post("/api/v1/me/phone/confirm", {"code": "123456"}, format="json")),
    ]
    sent = as_seller.post("/api/v1/me/phone/verify", {"phone": fresh_phone()}, format="json")
    assert sent.status_code == 202, sent.content
    asks += [
        ("a wrong code", 400, as_seller.post("/api/v1/me/phone/confirm", {"code": "abcdef"}, format="json")),
        ("a code after too many wrong ones", 429, as_seller.post("/api/v1/me/phone/confirm", {"code": "abcdef"}, format="json")),
        ("codes past the hour's limit", 429, as_seller.post("/api/v1/me/phone/verify", {}, format="json")),
        ("a seller who is not there", 404, anonymous.get("/api/v1/sellers/987654321")),
        ("numbers for no days", 400, as_seller.get(f"/api/v1/me/listings/{chat_only_car.pk}/stats", {"days": "0"})),
        # Older refusals the first sweep does not reach: a price suggestion's parameters, the suggestion box, a model.
        ("a price suggestion for nothing", 400, as_seller.get("/api/v1/analytics/price-suggestion")),
        (
            "a price suggestion for no such model",
            400,
            as_seller.get("/api/v1/analytics/price-suggestion", {"make": "alfa-romeo", "model": "nope", "mileage_km": "-1"}),
        ),
        ("a suggestion for too many words", 400, anonymous.get("/api/v1/search/suggest", {"q": "x" * 101})),
        ("a listing of no such model", 400, as_seller.post("/api/v1/listings", {**asked_low, "model": "nope"}, format="json")),
    ]
    return [(what, expected, answer.status_code, answer.json()) for what, expected, answer in asks]


@override_settings(PHONE_REVEALS_PER_HOUR=1, REPORTS_PER_HOUR=1, PHONE_CODES_PER_HOUR=1, PHONE_CODE_ATTEMPTS=1)
def test_every_refusal_of_trust_and_contacts_is_in_arabic(fresh_index, sms):
    swept = _sweep()

    assert [(what, status) for what, expected, status, _ in swept if status != expected] == []
    codes = {what: body.get("code") for what, _, _, body in swept if isinstance(body, dict)}
    assert (codes["a price to confirm"], codes["a car already on sale"]) == ("price_unusual", "listing_duplicate")
    english = [(what, text) for what, _, _, body in swept for text in texts(body) if ENGLISH.search(text)]
    assert english == [], "\n".join(map(repr, english))
    assert all(re.search("[\u0600-\u06ff]", " ".join(texts(body))) for *_, body in swept), swept
    # and the code itself reaches the phone in Arabic
    (message,) = [json.loads(line)["text"] for line in sms.read_text(encoding="utf-8").splitlines()]
    assert re.search("[\u0600-\u06ff]", message) and not ENGLISH.search(message), message
