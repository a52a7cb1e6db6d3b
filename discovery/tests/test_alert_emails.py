"""The alert e-mail run (discovery/alert_emails.py) against the real index: the
daily digest's "Recommended for you" comes from the recommender, and the run
still sends the digest when the engine cannot recommend."""

import pytest
from django.utils import timezone

from core.alerts.models import AlertEmailSettings, EmailFrequency
from core.alerts.services import notifications_record
from discovery.alert_emails import alert_emails_run
from testing.accounts import UserFactory
from testing.alerts import make_saved_search
from testing.catalog import toyota_land_cruiser
from testing.index import index_listings
from testing.listings import make_listing
from testing.smtp import body_text, header

pytestmark = pytest.mark.django_db


def _daily_buyer_with_a_match(settings):  # type: ignore[no-untyped-def]
    settings.ALERT_DIGEST_HOUR = 0
    car = toyota_land_cruiser()
    buyer = UserFactory()
    AlertEmailSettings.objects.create(user=buyer, frequency=EmailFrequency.DAILY)
    saved = make_saved_search(user=buyer, query="make=toyota", name="Toyotas")
    matched = make_listing(car=car, title="Matched Land Cruiser", price="20000.000")
    notifications_record(saved_search_id=saved.pk, query=saved.query, listing_ids=[matched.pk], checked_until=timezone.now())
    return buyer, car, matched


def test_the_digest_recommends_cars_from_the_index(smtp_mail, settings, fresh_index):
    buyer, car, matched = _daily_buyer_with_a_match(settings)
    other = make_listing(car=car, title="Recommended Land Cruiser", price="21000.000")
    index_listings()

    run = alert_emails_run()

    assert run.digests == 1 and run.instant == 0
    (message,) = smtp_mail.wait_for(buyer.email)
    text = body_text(message)
    assert header(message, "Subject") == "Your Sayara digest: 1 update"
    recommended = text.split("Recommended for you", 1)[1]
    assert f"/listings/{other.pk}" in recommended and f"/listings/{matched.pk}" not in recommended


def test_the_digest_goes_out_without_recommendations_when_the_engine_fails(smtp_mail, settings):
    buyer, _car, matched = _daily_buyer_with_a_match(settings)
    settings.SEARCH_URL = "http://127.0.0.1:1"  # nothing listens there

    assert alert_emails_run().digests == 1
    (message,) = smtp_mail.wait_for(buyer.email)
    assert f"/listings/{matched.pk}" in body_text(message) and "Recommended for you" not in body_text(message)
