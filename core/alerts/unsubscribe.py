"""One-click unsubscribe from alert e-mails: a signed token names the user and
what they stop receiving, so the link works without signing in (and keeps
working: an old e-mail's link must not fail). The List-Unsubscribe header of
every alert e-mail carries the same address (RFC 8058)."""

from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from core.accounts.models import User
from core.alerts.models import AlertEmailSettings

SALT = "alerts.unsubscribe"


class Topic(StrEnum):
    SAVED_SEARCHES = "saved_searches"
    PRICE_DROPS = "price_drops"
    MESSAGES = "messages"
    # The daily digest carries both.
    DIGEST = "digest"


# The AlertEmailSettings switches each topic turns off (or back on).
SWITCHES = {
    Topic.SAVED_SEARCHES: ("saved_searches",),
    Topic.PRICE_DROPS: ("price_drops",),
    Topic.MESSAGES: ("messages",),
    Topic.DIGEST: ("saved_searches", "price_drops"),
}


def unsubscribe_label(topic: Topic) -> str:
    """The link's words in the active language."""
    return {
        Topic.SAVED_SEARCHES: _("Stop e-mails about my saved searches"),
        Topic.PRICE_DROPS: _("Stop e-mails about price drops"),
        Topic.MESSAGES: _("Stop e-mails about unread messages"),
        Topic.DIGEST: _("Stop these daily e-mails"),
    }[topic]


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: mail programs show their own button."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


class BadToken(Exception):
    pass


def unsubscribe_token(*, user_id: int, topic: Topic) -> str:
    return signing.dumps([user_id, topic.value], salt=SALT)


def unsubscribe_url(*, user_id: int, topic: Topic) -> str:
    return f"{settings.SITE_URL}/api/v1/unsubscribe/{unsubscribe_token(user_id=user_id, topic=topic)}"


def alert_emails_of(token: str) -> tuple[User, Topic]:
    """The user and topic a token names, changing nothing; BadToken when it is not ours."""
    try:
        user_id, topic = signing.loads(token, salt=SALT)
        user = User.objects.get(pk=int(user_id))
        return user, Topic(topic)
    except (signing.BadSignature, ValueError, TypeError, User.DoesNotExist) as exc:
        raise BadToken from exc


def alert_emails_switch(*, token: str, on: bool) -> tuple[User, Topic]:
    """Turn the token's topic off (unsubscribe) or back on; BadToken when it is not ours."""
    user, topic = alert_emails_of(token)
    AlertEmailSettings.objects.update_or_create(user=user, defaults=dict.fromkeys(SWITCHES[topic], on))
    return user, topic
