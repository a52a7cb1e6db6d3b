"""Native clients' sign-ins: one AccessToken per device or script (core/accounts/models.py).

Signing in gives the client a token of its own; signing out revokes that one
alone (and the push devices registered with it); a new password revokes them
all (core/accounts/services.py user_password_set). A revoked token's open
chat sockets are closed at once (core/messaging/realtime.py sign_out_sockets).
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.accounts.models import ACCESS_TOKEN_NAME_MAX, AccessToken, User
from core.messaging.realtime import sign_out_sockets, token_group

logger = logging.getLogger(__name__)


def _token_name(name: Any, user_agent: str) -> str:
    if name is None:
        return " ".join(user_agent.split())[:ACCESS_TOKEN_NAME_MAX]
    if not isinstance(name, str) or len(name.strip()) > ACCESS_TOKEN_NAME_MAX:
        raise ValidationError({"name": [_("Name this device in at most %(max)d characters.") % {"max": ACCESS_TOKEN_NAME_MAX}]})
    return " ".join(name.split())


@transaction.atomic
def access_token_issue(*, user: User, name: Any = None, user_agent: str = "") -> tuple[AccessToken, str]:
    """A new token for one client's sign-in, and its key (shown once: only its hash is kept).

    `name` is what the client calls itself ("Huda's iPhone"), else its User-Agent.
    The user keeps their API_TOKENS_MAX most recent tokens: the oldest sign-in ends.
    """
    token, key = AccessToken.objects.create(user=user, name=_token_name(name, user_agent))
    older = AccessToken.objects.filter(user=user).order_by("-created", "-id").values_list("pk", flat=True)
    access_tokens_revoke(AccessToken.objects.filter(pk__in=list(older[settings.API_TOKENS_MAX :])))
    logger.info("accounts.token_issued", extra={"user_id": user.pk, "token_id": token.pk})
    return token, key


def access_tokens_of(user: User) -> QuerySet[AccessToken]:
    """The user's sign-ins that still work, newest first."""
    return AccessToken.objects.filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()), user=user)


def access_tokens_revoke(tokens: QuerySet[AccessToken]) -> None:
    """Delete `tokens` (their push devices go with them) and, once that is committed,
    close the chat sockets they opened: every way a token ends comes here."""
    ids = list(tokens.values_list("pk", flat=True))
    tokens.delete()
    if ids:
        transaction.on_commit(lambda: sign_out_sockets([token_group(token_id) for token_id in ids]))


def access_token_revoke(*, user: User, token_id: int) -> None:
    """Sign one of `user`'s clients out, and stop pushing to the devices it registered
    (AccessToken.DoesNotExist if it is not theirs)."""
    token = AccessToken.objects.get(pk=token_id, user=user)
    access_tokens_revoke(AccessToken.objects.filter(pk=token.pk))
    logger.info("accounts.token_revoked", extra={"user_id": user.pk, "token_id": token_id})
