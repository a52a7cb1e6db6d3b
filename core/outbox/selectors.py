"""Reads of the outbox."""

import datetime

from django.db.models import Min

from core.outbox.models import OutboxEntry


def outbox_oldest_pending() -> datetime.datetime | None:
    """When the oldest change still waiting for the index was recorded (None: the index is caught up)."""
    return OutboxEntry.objects.aggregate(oldest=Min("created_at"))["oldest"]
