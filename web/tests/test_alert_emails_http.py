"""Alert e-mails end to end: buyers choose through the API, sellers list and
lower prices through it, the real worker (relay, alert check, e-mails on its
beat) sends by SMTP to a real server on loopback, and the e-mails' links work
over real HTTP without signing in."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from core.accounts.models import Language
from scripts.processes import WorkerProcess
from testing.accounts import UserFactory
from testing.browser import Browser
from testing.catalog import toyota_land_cruiser
from testing.processes import worker_env
from testing.smtp import SmtpServer, body_text, header

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, smtp_server: SmtpServer, tmp_path_factory) -> Iterator[WorkerProcess]:  # type: ignore[no-untyped-def]
    """This module's worker sends its e-mail by SMTP to the test server, alerts and e-mails every second."""
    env = worker_env(ALERTS_INTERVAL_SECONDS="1", ALERT_EMAILS_SECONDS="1", **smtp_server.env())
    worker = WorkerProcess(env, tmp_path_factory.mktemp("worker"))
    worker.start()
    yield worker
    worker.stop()


def car(price: str) -> dict:
    return {
        "make": "toyota",
        "model": "land-cruiser",
        "year": 2021,
        "price": price,
        "mileage_km": 41000,
        "fuel": "petrol",
        "transmission": "automatic",
        "regional_spec": "gcc",
        "region": "muharraq",
    }


def on_server(asgi_server: str, link: str) -> str:
    """An e-mailed link (on SITE_URL) opened on the test server."""
    return asgi_server + urlsplit(link).path


def test_a_new_match_reaches_the_inbox_in_arabic_and_its_link_unsubscribes(asgi_server, celery_worker, smtp_server, fresh_index):
    toyota_land_cruiser()
    buyer, seller = UserFactory(preferred_language=Language.AR), UserFactory()
    buyer_app, seller_app = Browser(asgi_server), Browser(asgi_server)
    buyer_app.sign_in(buyer.email)
    seller_app.sign_in(seller.email)
    assert buyer_app.get("/api/v1/me/alert-emails").json() == {
        "frequency": "instant",
        "saved_searches": True,
        "price_drops": True,
        "messages": True,
    }
    saved = buyer_app.post("/api/v1/me/saved-searches", {"name": "لاند كروزر", "query": "make=toyota&price_max=30000"})
    assert saved.status_code == 201, saved.text

    listed = seller_app.post("/api/v1/listings", car("25000.000"))
    assert listed.status_code == 201, listed.text
    (message,) = smtp_server.mailbox.wait_for(buyer.email, timeout=90)

    assert header(message, "Subject") == "سيارة جديدة تطابق «لاند كروزر»"
    assert f"/listings/{listed.json()['id']}" in body_text(message)
    link = on_server(asgi_server, header(message, "List-Unsubscribe").strip("<>"))
    # Opening the link (a mail scanner does too) only asks; its button unsubscribes.
    asked = requests.get(link, timeout=10)
    assert asked.status_code == 200 and 'lang="ar"' in asked.text
    assert buyer_app.get("/api/v1/me/alert-emails").json()["saved_searches"] is True
    page = requests.post(link, data={"action": "unsubscribe"}, timeout=10)
    assert page.status_code == 200 and 'lang="ar"' in page.text
    assert "لن تصلك بعد الآن رسائل عن عمليات البحث المحفوظة." in page.text
    assert buyer_app.get("/api/v1/me/alert-emails").json()["saved_searches"] is False


def test_a_lowered_price_on_a_favourite_is_emailed_and_one_click_unsubscribes(
    asgi_server, celery_worker, smtp_server, fresh_index
):
    toyota_land_cruiser()
    buyer, seller = UserFactory(display_name="Ali"), UserFactory()
    buyer_app, seller_app = Browser(asgi_server), Browser(asgi_server)
    buyer_app.sign_in(buyer.email)
    seller_app.sign_in(seller.email)
    listing = seller_app.post("/api/v1/listings", car("30000.000")).json()["id"]
    assert buyer_app.put(f"/api/v1/me/favorites/{listing}").status_code == 204

    assert seller_app.patch(f"/api/v1/listings/{listing}", {"price": "27500.000"}).status_code == 200
    (message,) = smtp_server.mailbox.wait_for(buyer.email, timeout=90)

    assert header(message, "Subject").startswith("Price drop: ") and "BHD 27,500" in header(message, "Subject")
    assert "was BHD 30,000 when you saved it" in body_text(message)
    # A mail client's RFC 8058 one-click: a POST without cookies or CSRF token.
    clicked = requests.post(
        on_server(asgi_server, header(message, "List-Unsubscribe").strip("<>")),
        data={"List-Unsubscribe": "One-Click"},
        timeout=10,
    )
    assert clicked.status_code == 200
    assert buyer_app.get("/api/v1/me/alert-emails").json() == {
        "frequency": "instant",
        "saved_searches": True,
        "price_drops": False,
        "messages": True,
    }


def test_the_email_settings_through_the_api(asgi_server):
    buyer_app = Browser(asgi_server)
    assert buyer_app.get("/api/v1/me/alert-emails").status_code == 401
    buyer_app.sign_in(UserFactory(preferred_language=Language.AR).email)

    bad = buyer_app.patch("/api/v1/me/alert-emails", {"frequency": "hourly", "price_drops": "yes"})
    not_an_object = buyer_app.patch("/api/v1/me/alert-emails", ["daily"])
    chosen = buyer_app.patch("/api/v1/me/alert-emails", {"frequency": "daily"})

    assert bad.status_code == 400 and set(bad.json()) == {"frequency", "price_drops"}, bad.text
    assert bad.json()["frequency"] == ["يجب أن يكون واحدًا من: instant, daily."]
    assert not_an_object.status_code == 400
    for malformed in (
        {"frequency": None},
        {"frequency": ["daily"]},
        {"frequency": {"a": 1}},
        {"saved_searches": None},
        {"messages": "no"},
        "daily",
        5,
    ):
        answer = buyer_app.patch("/api/v1/me/alert-emails", malformed)
        assert answer.status_code == 400, (malformed, answer.text)
    assert buyer_app.patch("/api/v1/me/alert-emails", {}).status_code == 200
    assert (
        buyer_app.request(
            "PATCH", "/api/v1/me/alert-emails", data=b"{not json", headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )
    assert chosen.json() == {"frequency": "daily", "saved_searches": True, "price_drops": True, "messages": True}
    assert requests.get(f"{asgi_server}/api/v1/unsubscribe/forged:token", timeout=10).status_code == 404
