"""Sending the pushes owed (core/push/models.py Push) to their users' devices,
each in its device's language. The worker runs this when a write asks for it
(core/push/services.py) and every PUSH_SWEEP_SECONDS (beat), so a push waits
out a broker outage. Pushes a run hands to the push service are deleted in the
same transaction; if the service is unavailable nothing is deleted and the
next run sends them (at least once). Tickets saying DeviceNotRegistered remove
the device; the ids of the others are kept as PushTickets, whose receipts say
later whether the message reached the phone (core/push/receipts.py).
"""

import datetime
import logging
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.push.models import TICKET_ID_MAX, Device, Push, PushKind, PushTicket
from core.push.senders import DEVICE_NOT_REGISTERED, PushUnavailable, push_sender

logger = logging.getLogger(__name__)

BATCH = 100
# A push that could not go out for this long is news no more: the app's inbox shows it.
STALE_AFTER = datetime.timedelta(hours=6)


def _text(push: Push) -> tuple[str, str, dict[str, Any]]:
    """(title, body, data for the app) in the active language."""
    data = push.data
    if push.kind == PushKind.MESSAGE:
        title = _("%(sender)s about %(listing)s") % {"sender": data["sender"], "listing": data["listing"]}
        return title, data["preview"], {"type": "message", "conversation_id": data["conversation_id"]}
    count = data["count"]
    title = _("New cars for “%(name)s”") % {"name": data["name"]}
    body = ngettext("%(count)d new car matches your saved search.", "%(count)d new cars match your saved search.", count) % {
        "count": count
    }
    return title, body, {"type": "alert", "saved_search_id": data["saved_search_id"], "listing_id": data["listing_id"]}


def _message(push: Push, device: Device) -> dict[str, Any]:
    with translation.override(device.language):
        title, body, data = _text(push)
    return {"to": device.token, "title": title, "body": body, "data": data, "sound": "default", "priority": "high"}


def _ticket_id(ticket: dict[str, Any]) -> bool:
    """The ticket names a receipt to ask for later (Expo's ids are UUIDs)."""
    ticket_id = ticket.get("id")
    return isinstance(ticket_id, str) and 0 < len(ticket_id) <= TICKET_ID_MAX


def _send_batch(now: datetime.datetime) -> tuple[int, int]:
    """Send up to BATCH pushes; (pushes taken, messages sent)."""
    with transaction.atomic():
        # Concurrent runs take different rows.
        pushes = list(Push.objects.select_for_update(skip_locked=True).order_by("id")[:BATCH])
        if not pushes:
            return 0, 0
        fresh = [push for push in pushes if push.created_at >= now - STALE_AFTER]
        devices: dict[int, list[Device]] = defaultdict(list)
        for device in Device.objects.filter(user_id__in={push.user_id for push in fresh}, user__is_active=True):
            devices[device.user_id].append(device)
        outgoing = [(device, _message(push, device)) for push in fresh for device in devices[push.user_id]]
        tickets = push_sender().send([message for _, message in outgoing]) if outgoing else []
        gone = [
            device.pk
            for (device, _message_sent), ticket in zip(outgoing, tickets, strict=True)
            if (ticket.get("details") or {}).get("error") == DEVICE_NOT_REGISTERED
        ]
        Device.objects.filter(pk__in=gone).delete()
        PushTicket.objects.bulk_create(
            [
                PushTicket(ticket_id=ticket["id"], device=device)
                for (device, _message_sent), ticket in zip(outgoing, tickets, strict=True)
                if device.pk not in gone and ticket.get("status") == "ok" and _ticket_id(ticket)
            ],
            ignore_conflicts=True,
        )
        Push.objects.filter(pk__in=[push.pk for push in pushes]).delete()
    failed = sum(ticket.get("status") != "ok" for ticket in tickets)
    logger.info("push.batch_sent", extra={"pushes": len(pushes), "messages": len(outgoing), "failed": failed, "gone": len(gone)})
    return len(pushes), len(outgoing)


def pushes_send(*, now: datetime.datetime | None = None) -> int:
    """Send every push owed; returns how many messages went to the push service."""
    now = now or timezone.now()
    sent = 0
    while True:
        try:
            taken, messages = _send_batch(now)
        except PushUnavailable as exc:
            logger.warning("push.service_unavailable", extra={"error": str(exc)})
            return sent
        sent += messages
        if taken < BATCH:
            return sent
