"""Reading Expo's receipts (docs/decisions/push.md): a ticket "ok" means Expo took
the message; its receipt, ready some minutes later and kept for a day, says
whether Apple or Google took it. A receipt saying DeviceNotRegistered (the app
was uninstalled) removes the device, so no more pushes go to a dead token. The
worker runs this every PUSH_RECEIPTS_SECONDS (beat) for tickets at least
PUSH_RECEIPT_DELAY_SECONDS old; a push-service outage leaves them for the next run.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from core.push.models import Device, PushTicket
from core.push.senders import DEVICE_NOT_REGISTERED, EXPO_RECEIPTS_BATCH, PushUnavailable, push_sender

logger = logging.getLogger(__name__)

# Expo forgets a receipt after a day: a ticket still unanswered then is dropped.
FORGOTTEN_AFTER = datetime.timedelta(hours=24)


def push_receipts_check(*, now: datetime.datetime | None = None) -> int:
    """Read the receipts that are due; returns how many devices they removed."""
    now = now or timezone.now()
    PushTicket.objects.filter(created_at__lt=now - FORGOTTEN_AFTER).delete()
    due = PushTicket.objects.filter(created_at__lte=now - datetime.timedelta(seconds=settings.PUSH_RECEIPT_DELAY_SECONDS))
    removed, after = 0, 0
    while batch := list(due.filter(pk__gt=after).order_by("pk")[:EXPO_RECEIPTS_BATCH]):
        after = batch[-1].pk
        try:
            receipts = push_sender().receipts([ticket.ticket_id for ticket in batch])
        except PushUnavailable as exc:
            logger.warning("push.service_unavailable", extra={"error": str(exc)})
            break
        gone = {
            ticket.device_id
            for ticket in batch
            if ((receipts.get(ticket.ticket_id) or {}).get("details") or {}).get("error") == DEVICE_NOT_REGISTERED
        }
        # The devices' other tickets go with them.
        removed += Device.objects.filter(pk__in=gone).delete()[1].get(Device._meta.label, 0)
        PushTicket.objects.filter(pk__in=[ticket.pk for ticket in batch if ticket.ticket_id in receipts]).delete()
        failed = sum((receipts.get(ticket.ticket_id) or {}).get("status") == "error" for ticket in batch)
        logger.info(
            "push.receipts_read", extra={"tickets": len(batch), "answered": len(receipts), "failed": failed, "gone": len(gone)}
        )
    return removed
