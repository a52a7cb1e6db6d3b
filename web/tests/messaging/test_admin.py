"""The moderation queue in the Django admin (web/admin/messaging.py)."""

import html
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from core.messaging import services
from core.messaging.models import ConversationReport, ReportStatus
from testing.accounts import UserFactory
from testing.messaging import XSS_PAYLOADS, start_conversation

pytestmark = pytest.mark.django_db


def admin_client(**perms) -> tuple[Client, Any]:
    moderator = UserFactory(is_staff=True, **perms)
    client = Client()
    client.force_login(moderator)
    return client, moderator


def reported(body: str) -> ConversationReport:
    conversation = start_conversation(body=body)
    report, _ = services.conversation_report(reporter=conversation.seller, conversation_id=conversation.pk, reason=body)
    return report


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_message_bodies_are_escaped_on_every_admin_page(payload):
    report = reported(payload)
    client, _ = admin_client(is_superuser=True)

    for url in (
        "/admin/messaging/message/",
        "/admin/messaging/conversationreport/",
        f"/admin/messaging/conversationreport/{report.pk}/change/",
        f"/admin/messaging/conversation/{report.conversation_id}/change/",
    ):
        page = client.get(url)
        text = page.content.decode()
        assert page.status_code == 200, url
        assert payload not in text, url
        assert html.escape(payload, quote=False) in text or html.escape(payload) in text, url


def test_moderators_resolve_and_dismiss_reports_with_actions():
    first, second = reported("Asks for money first"), reported("Rude")
    client, moderator = admin_client(is_superuser=True)

    client.post("/admin/messaging/conversationreport/", {"action": "mark_resolved", "_selected_action": [first.pk]})
    client.post("/admin/messaging/conversationreport/", {"action": "mark_dismissed", "_selected_action": [second.pk]})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.resolved_by_id) == (ReportStatus.RESOLVED, moderator.pk)
    assert (second.status, second.resolved_by_id) == (ReportStatus.DISMISSED, moderator.pk)
    open_queue = client.get("/admin/messaging/conversationreport/", {"status__exact": "open"}).content.decode()
    assert "0 conversation reports" in open_queue or "0 results" in open_queue


def test_staff_who_may_only_view_reports_cannot_close_them():
    report = reported("Spam")
    client, moderator = admin_client()
    moderator.user_permissions.add(Permission.objects.get(codename="view_conversationreport"))

    page = client.get("/admin/messaging/conversationreport/")
    client.post("/admin/messaging/conversationreport/", {"action": "mark_resolved", "_selected_action": [report.pk]})

    assert page.status_code == 200 and "mark_resolved" not in page.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


def test_messages_filter_by_contact_warning():
    start_conversation(body="Call me: 33123456")
    start_conversation(body="Is the price final?")
    client, _ = admin_client(is_superuser=True)

    with_phone = client.get("/admin/messaging/message/", {"warning": "phone_number"}).content.decode()
    without = client.get("/admin/messaging/message/", {"warning": "any"}).content.decode()

    assert "Call me: 33123456" in with_phone and "Is the price final?" not in with_phone
    assert "Is the price final?" not in without
