"""The transactional outbox: one row per committed change the search index
must learn about, written in the same transaction as the change itself.

The relay (indexer/relay.py) claims rows with FOR UPDATE SKIP LOCKED, sends
the current state of each listing to the engine, and deletes the rows only
after the engine acknowledged them. A row is a notice ("listing 42 changed
at version 7"), not a payload: the relay always reads the current row.
"""

from django.db import models
from django.utils import timezone


class OutboxEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    listing_id = models.BigIntegerField()
    version = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    # Retry bookkeeping: a failing row waits (backoff) and never blocks others.
    attempts = models.PositiveIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["available_at", "id"], name="outbox_available")]
        verbose_name_plural = "outbox entries"

    def __str__(self) -> str:
        return f"outbox {self.id}: listing {self.listing_id} v{self.version}"
