"""Idempotency-Key on every create (API.md, contract v1.1; docs/decisions/security.md).

A client sends a key of its own (a UUID per form submission) with a POST that
creates something. The first request with that key runs and its successful
answer is kept for IDEMPOTENCY_TTL_SECONDS; a retry with the same key and the
same request gets that answer again (header `Idempotent-Replayed: true`) and
creates nothing; the same key with a different request is a 422. The key's
row is inserted in the create's own transaction, so two concurrent tries with
one key run one after the other: the second waits for the first and replays
its answer. Failures (4xx, 5xx) are not kept: retrying them runs again.
"""

import datetime
import hashlib
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from web.models import IdempotencyRecord

HEADER = "Idempotency-Key"
VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
REUSED = (
    "This Idempotency-Key was already used for a different request. Send a new key with each new request, "
    "and the same key only when retrying the same request."
)


class _NotKept(Exception):
    """Leaves the transaction (dropping the key's row) with an answer that is not kept."""

    def __init__(self, response: Response) -> None:
        self.response = response


def _fingerprint(request: Request, path: str) -> str:
    data = request.data
    fields = {key: data.getlist(key) for key in data} if hasattr(data, "getlist") else data
    files = {}
    for name, upload in request.FILES.items():
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        files[name] = [upload.name, digest.hexdigest()]
    canonical = json.dumps([request.method, path, fields, files], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _claim(*, user_id: int, key: str, fingerprint: str) -> bool:
    """Insert the key's row; False when a committed row already holds the key (waits for a running one)."""
    expired = timezone.now() - datetime.timedelta(seconds=settings.IDEMPOTENCY_TTL_SECONDS)
    IdempotencyRecord.objects.filter(user_id=user_id, key=key, created_at__lt=expired).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO web_idempotency_record (user_id, key, fingerprint, created_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (user_id, key) DO NOTHING RETURNING id",
            [user_id, key, fingerprint, timezone.now()],
        )
        return cursor.fetchone() is not None


def idempotent(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Make a create view's POST honour Idempotency-Key (signed-in callers)."""

    @wraps(handler)
    def run(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER)
        if key is None or not request.user.is_authenticated:
            return handler(view, request, *args, **kwargs)
        if not VALID_KEY.match(key):
            return Response({HEADER: [_("Send 1 to 255 visible ASCII characters, e.g. a UUID.")]}, status=400)
        fingerprint = _fingerprint(request, request.path)
        try:
            # The outermost transaction of the create: the services it calls run inside it.
            with transaction.atomic(durable=True):
                if not _claim(user_id=request.user.pk, key=key, fingerprint=fingerprint):
                    record = IdempotencyRecord.objects.get(user_id=request.user.pk, key=key)
                    if record.fingerprint != fingerprint:
                        raise _NotKept(Response({"detail": REUSED, "code": "idempotency_key_reused"}, status=422))
                    replay = Response(record.body, status=record.status)
                    replay["Idempotent-Replayed"] = "true"
                    return replay
                response = handler(view, request, *args, **kwargs)
                if not 200 <= response.status_code < 300:
                    raise _NotKept(response)
                body = json.loads(JSONRenderer().render(response.data) or b"null")
                IdempotencyRecord.objects.filter(user_id=request.user.pk, key=key).update(status=response.status_code, body=body)
                return response
        except _NotKept as refused:
            return refused.response

    run.idempotent = True  # type: ignore[attr-defined]
    return run


def idempotency_purge() -> int:
    """Forget keys older than IDEMPOTENCY_TTL_SECONDS (beat); return how many."""
    expired = timezone.now() - datetime.timedelta(seconds=settings.IDEMPOTENCY_TTL_SECONDS)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=expired).delete()
    return deleted
