"""Alert e-mails (core/alerts/emails.py) delivered by Django's SMTP backend to a
real SMTP server on loopback (testing/smtp.py), read as the recipient gets them;
their unsubscribe links opened as a mail client or a browser would."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from core.accounts.models import Language
from core.alerts.emails import digests_send, instant_emails_send, price_drops_record, search_url
from core.alerts.models import AlertEmailSettings, EmailFrequency, Notification, PriceDrop
from core.alerts.services import alert_email_settings_update, notifications_record
from core.favorites.services import favorite_add
from core.listings.services import listing_edit
from testing.accounts import UserFactory
from testing.alerts import make_saved_search
from testing.listings import make_listing
from testing.smtp import body_text, free_port, header

pytestmark = pytest.mark.django_db
SITE = django_settings.SITE_URL


def _match(buyer, **fields):  # type: ignore[no-untyped-def]
    saved = make_saved_search(user=buyer, query="make=toyota", name="Toyotas")
    listing = make_listing(title=fields.pop("title", "Toyota Land Cruiser GXR"), price=fields.pop("price", "9500.000"), **fields)
    notifications_record(saved_search_id=saved.pk, query=saved.query, listing_ids=[listing.pk], checked_until=timezone.now())
    return saved, listing


def _path(url: str) -> str:
    assert url.startswith(f"{SITE}/api/v1/unsubscribe/"), url
    return urlsplit(url).path


def test_a_new_match_is_emailed_once_in_arabic_with_links_and_a_working_unsubscribe(smtp_mail):
    buyer = UserFactory(preferred_language=Language.AR, display_name="مريم")
    saved, listing = _match(buyer)

    assert instant_emails_send() == 1
    assert instant_emails_send() == 0  # once only
    (message,) = smtp_mail.wait_for(buyer.email)

    assert header(message, "Subject") == "سيارة جديدة تطابق «Toyotas»"
    text, html = body_text(message), body_text(message, "html")
    assert "مرحبًا مريم،" in text
    assert f"{SITE}/bh/listings/{listing.pk}" in text and "9,500 د.ب" in text
    assert f"{SITE}/bh/search?make=toyota" in text
    assert '<html lang="ar" dir="rtl">' in html and f'href="{SITE}/bh/listings/{listing.pk}"' in html
    unsubscribe = header(message, "List-Unsubscribe").strip("<>")
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe in html

    # A browser that never signed in opens the link (as a mail scanner would): asked in Arabic, nothing changed.
    page = Client().get(_path(unsubscribe))
    assert page.status_code == 200
    assert "إيقاف رسائل البريد عن عمليات البحث المحفوظة" in page.content.decode()
    assert 'value="unsubscribe"' in page.content.decode()
    assert AlertEmailSettings.objects.filter(user=buyer, saved_searches=False).exists() is False
    # Its button: unsubscribed, told so in Arabic, offered to undo.
    page = Client().post(_path(unsubscribe), {"action": "unsubscribe"})
    assert page.status_code == 200
    assert "لن تصلك بعد الآن رسائل عن عمليات البحث المحفوظة." in page.content.decode()
    assert AlertEmailSettings.objects.get(user=buyer).saved_searches is False
    Notification.objects.filter(saved_search=saved).delete()
    notifications_record(saved_search_id=saved.pk, query=saved.query, listing_ids=[listing.pk], checked_until=timezone.now())
    assert instant_emails_send() == 0
    # The app still shows the alert.
    assert Notification.objects.filter(user=buyer, read_at__isnull=True).count() == 1

    again = Client().post(_path(unsubscribe), {"action": "resubscribe"})
    assert again.status_code == 200 and AlertEmailSettings.objects.get(user=buyer).saved_searches is True


@pytest.mark.parametrize(
    ("language", "country", "region", "price", "written"),
    [
        (Language.EN, "sa", "riyadh", "85000.50", "SAR 85,000.50"),
        (Language.AR, "sa", "riyadh", "85000.50", "85,000.50 ر.س"),
        (Language.EN, "ae", "dubai", "120000.00", "AED 120,000"),
        (Language.AR, "kw", "hawalli", "4500.125", "4,500.125 د.ك"),
    ],
)
def test_a_match_is_priced_in_its_own_currency_with_its_decimals(smtp_mail, language, country, region, price, written):
    buyer = UserFactory(preferred_language=language)
    _, listing = _match(buyer, country=country, region=region, price=price)

    assert instant_emails_send() == 1
    (message,) = smtp_mail.wait_for(buyer.email)

    text, html = body_text(message), body_text(message, "html")
    assert written in text and written in html
    assert "BHD" not in text and "د.ب" not in text
    assert f"{SITE}/{country}/listings/{listing.pk}" in text  # the car's own country, not the reader's


def test_a_saved_searchs_link_opens_in_its_own_country():
    assert search_url("country=sa&make=toyota&price_max=85000") == f"{SITE}/sa/search?make=toyota&price_max=85000"
    assert (
        search_url("q=%D8%AA%D9%88%D9%8A%D9%88%D8%AA%D8%A7&make=toyota")
        == f"{SITE}/bh/search?q=%D8%AA%D9%88%D9%8A%D9%88%D8%AA%D8%A7&make=toyota"
    )
    assert search_url("country=kw") == f"{SITE}/kw/search"


def test_a_forged_or_mangled_unsubscribe_link_changes_nothing():
    buyer = UserFactory()
    for token in ("nonsense", "WzEsInNhdmVkX3NlYXJjaGVzIl0:1abc:forged"):
        assert Client().get(f"/api/v1/unsubscribe/{token}").status_code == 404
    assert not AlertEmailSettings.objects.filter(user=buyer).exists()


def test_matches_read_in_the_app_or_of_switched_off_alerts_are_not_emailed(smtp_mail):
    reader, quiet = UserFactory(), UserFactory()
    _match(reader)
    Notification.objects.filter(user=reader).update(read_at=timezone.now())
    saved, _listing = _match(quiet)
    saved.alert = False
    saved.save()
    assert instant_emails_send() == 0


@pytest.mark.django_db(transaction=True)
def test_a_price_drop_on_a_favourite_is_emailed_in_english_and_one_click_unsubscribes(smtp_mail):
    buyer, seller = UserFactory(display_name="Ali"), UserFactory()
    listing = make_listing(seller=seller, title="Nissan Patrol LE", price="12000.000")
    favorite_add(user=buyer, listing_id=listing.pk)
    assert price_drops_record() == 0  # not cheaper yet

    listing_edit(listing_id=listing.pk, data={"price": "11250.500"}, editor=seller)
    assert price_drops_record() == 1
    assert price_drops_record() == 0  # once per price
    assert instant_emails_send() == 1
    (message,) = smtp_mail.wait_for(buyer.email)

    assert header(message, "Subject") == "Price drop: Nissan Patrol LE is now BHD 11,250.500"
    text = body_text(message)
    assert "Hello Ali," in text and "was BHD 12,000 when you saved it" in text
    assert f"{SITE}/bh/listings/{listing.pk}" in text and f"{SITE}/account/favorites" in text
    assert '<html lang="en" dir="ltr">' in body_text(message, "html")

    # A mail client's one-click POST (RFC 8058), no cookies.
    clicked = Client(enforce_csrf_checks=True).post(
        _path(header(message, "List-Unsubscribe").strip("<>")), {"List-Unsubscribe": "One-Click"}
    )
    assert clicked.status_code == 200
    choice = AlertEmailSettings.objects.get(user=buyer)
    assert (choice.price_drops, choice.saved_searches) == (False, True)
    listing_edit(listing_id=listing.pk, data={"price": "11000.000"}, editor=seller)
    assert price_drops_record() == 1 and instant_emails_send() == 0


@pytest.mark.django_db(transaction=True)
def test_a_price_drop_in_riyals_is_worded_in_riyals_in_both_languages(smtp_mail):
    english, arabic, seller = UserFactory(), UserFactory(preferred_language=Language.AR), UserFactory()
    listing = make_listing(seller=seller, title="Toyota Camry GLE", country="sa", region="riyadh", price="92000.00")
    for buyer in (english, arabic):
        favorite_add(user=buyer, listing_id=listing.pk)

    listing_edit(listing_id=listing.pk, data={"price": "89500.75"}, editor=seller)
    assert price_drops_record() == 2
    assert instant_emails_send() == 2
    (in_english,) = smtp_mail.wait_for(english.email)
    (in_arabic,) = smtp_mail.wait_for(arabic.email)

    assert header(in_english, "Subject") == "Price drop: Toyota Camry GLE is now SAR 89,500.75"
    assert "was SAR 92,000 when you saved it" in body_text(in_english)
    assert "89,500.75 ر.س" in header(in_arabic, "Subject")
    assert "92,000 ر.س" in body_text(in_arabic)


def test_the_daily_digest_gathers_matches_drops_and_recommendations_once_a_day(smtp_mail, settings):
    settings.ALERT_DIGEST_HOUR = 0
    buyer = UserFactory(display_name="Sara")
    alert_email_settings_update(user=buyer, changes={"frequency": "daily"})
    _saved, listing = _match(buyer)
    dropped = make_listing(title="Lexus LX 600", price="30000.000")
    PriceDrop.objects.create(user=buyer, listing=dropped, price=dropped.price, saved_price="32000.000")
    recommended = make_listing(title="Honda Accord Sport", country="qa", region="doha", price="70000.50")

    assert instant_emails_send() == 0  # this buyer asked for a digest
    cards = [{"id": listing.pk, "title": listing.title, "price": "9500.000", "currency": "BHD", "year": 2020}]
    cards.append(
        {"id": recommended.pk, "title": recommended.title, "price": "70000.50", "currency": "QAR", "year": recommended.year}
    )
    assert digests_send(recommended=lambda user: cards) == 1
    assert digests_send(recommended=lambda user: cards) == 0  # one a day
    (message,) = smtp_mail.wait_for(buyer.email)

    assert header(message, "Subject") == "Your Sayara digest: 2 updates"
    text = body_text(message)
    assert "1 new car for “Toyotas”" in text and "Price drops on your favourites" in text
    assert "Recommended for you" in text and f"/listings/{recommended.pk}" in text
    assert "QAR 70,000.50" in text and "BHD 9,500" in text  # each car in its own currency
    # A car the digest lists as a match is not recommended again.
    assert text.splitlines().count(f"  {SITE}/bh/listings/{listing.pk}") == 1
    assert "Stop these daily e-mails" in text

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert digests_send(now=tomorrow, recommended=lambda user: cards) == 0  # nothing new: no e-mail


def test_a_refused_send_leaves_the_alert_for_the_next_run(smtp_server, smtp_mail, settings):
    buyer = UserFactory()
    _match(buyer)
    settings.EMAIL_PORT = free_port()  # nothing listens there
    assert instant_emails_send() == 0
    assert Notification.objects.get(user=buyer).emailed_at is None
    settings.EMAIL_PORT = smtp_server.port
    assert instant_emails_send() == 1
    smtp_mail.wait_for(buyer.email)


def test_the_email_settings_are_validated():
    buyer = UserFactory()
    with pytest.raises(ValidationError) as caught:
        alert_email_settings_update(user=buyer, changes={"frequency": "hourly", "price_drops": "no"})
    assert set(caught.value.message_dict) == {"frequency", "price_drops"}
    choice = alert_email_settings_update(user=buyer, changes={"frequency": EmailFrequency.DAILY, "price_drops": False})
    assert (choice.frequency, choice.saved_searches, choice.price_drops) == ("daily", True, False)
