"""Limits on sign-in, registration and account e-mails, counted in Redis through Django's cache.

Sign-in (OWASP ASVS 2.2; docs/decisions/accounts.md): nobody can lock someone
else out, and guessing stays slow.

- Per account and client: a client is the browser's verified device (a signed
  cookie given at a successful sign-in, web/api/accounts.py) or else the
  address (IP). After LOGIN_FREE_FAILURES wrong passwords from one client to
  one account, that client waits LOGIN_DELAY_SECONDS before its next try, and
  twice as long after each further failure, up to LOGIN_MAX_DELAY_SECONDS. Other clients of
  the same account are not slowed by it.
- Per account, from clients that are not its verified devices: at most
  LOGIN_ACCOUNT_MAX_FAILURES wrong passwords an hour (ASVS 2.2.1 allows no
  more than 100). Past it, unknown clients wait for the hour to end; the
  owner's verified devices, and whoever resets the password by the e-mailed
  link (login_unlock), still get in.
- Per address: LOGIN_IP_MAX_FAILURES wrong passwords in a fixed window of
  LOGIN_IP_WINDOW_SECONDS refuse further attempts from it until the window
  ends (password spraying across many accounts).
- Registration: REGISTER_MAX_PER_IP attempts an hour from one address.
- E-mails to one account (reset links, verification links, "someone tried to
  register" notices): ACCOUNT_MAILS_MAX_PER_HOUR of each kind, silently: the
  answer never changes, so nobody learns whether the address has an account.

When Redis cannot be reached every check lets the attempt through and logs a
warning: a cache outage must never lock everybody out or turn sign-in into a
500.
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from redis.exceptions import RedisError

from core.errors import RateLimited, Translatable

logger = logging.getLogger(__name__)

HOUR = 3600
# A client's failures are remembered this long after its last one.
PAIR_MEMORY_SECONDS = 24 * HOUR


class AttemptsLimited(RateLimited):
    """Too many attempts: refuse until `retry_after` seconds have passed (HTTP 429)."""


def _digest(value: str) -> str:
    # Keys never hold an address or an e-mail in clear.
    return salted_hmac("sayara.accounts.limits", value.strip().lower()).hexdigest()[:32]


def _unavailable(exc: Exception, *, check: str) -> None:
    logger.warning("accounts.limits_unavailable", extra={"check": check, "error": str(exc)})


def _incr(key: str, *, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add and incr.
        cache.set(key, 1, timeout=timeout)
        return 1


def _window(scope: str, subject: str, window: int) -> tuple[str, int]:
    """The key of the current fixed window of `window` seconds, and the seconds left in it."""
    now = time.time()
    start = int(now // window) * window
    return f"limit:{scope}:{_digest(subject)}:{start}", math.ceil(start + window - now)


def _wait(seconds: float) -> str:
    if seconds < 90:
        count = math.ceil(seconds)
        return ngettext("%(count)d second", "%(count)d seconds", count) % {"count": count}
    count = math.ceil(seconds / 60)
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


# A reset bumps the account's generation: every count keyed by the old one is forgotten.
def _generation_key(email: str) -> str:
    return f"limit:login-generation:{_digest(email)}"


def _account(email: str) -> str:
    return f"{email}#{cache.get(_generation_key(email)) or 0}"


def _client(*, ip: str, device: str | None) -> str:
    return f"device:{device}" if device else f"ip:{ip}"


def _pair_key(account: str, client: str) -> str:
    return f"limit:login-pair:{_digest(account)}:{_digest(client)}"


def _account_window(account: str) -> tuple[str, int]:
    return _window("login-account", account, HOUR)


def login_check(*, email: str, ip: str, device: str | None = None) -> None:
    """Raise AttemptsLimited when this client must wait before trying this account again.

    `device` is the id of the account's verified device the browser presented, if any.
    """
    ip_key, ip_left = _window("login-ip", ip, settings.LOGIN_IP_WINDOW_SECONDS)
    try:
        account = _account(email)
        pair = cache.get(_pair_key(account, _client(ip=ip, device=device))) or {}
        account_key, account_left = _account_window(account)
        account_failures = 0 if device else cache.get(account_key) or 0
        ip_failures = 0 if device else cache.get(ip_key) or 0
    except RedisError as exc:
        _unavailable(exc, check="login")
        return
    wait = pair.get("until", 0) - time.time()
    if wait > 0:
        raise AttemptsLimited(
            _("Too many wrong passwords. Wait %(wait)s before trying again, or reset your password.") % {"wait": _wait(wait)},
            retry_after=math.ceil(wait),
        )
    if account_failures >= settings.LOGIN_ACCOUNT_MAX_FAILURES:
        raise AttemptsLimited(
            _(
                "This account had too many wrong passwords from elsewhere. Sign in on a device you used before, "
                "reset your password, or wait %(wait)s."
            )
            % {"wait": _wait(account_left)},
            retry_after=account_left,
        )
    if ip_failures >= settings.LOGIN_IP_MAX_FAILURES:
        raise AttemptsLimited(
            _("Too many failed sign-ins from your network. Try again in %(wait)s.") % {"wait": _wait(ip_left)},
            retry_after=ip_left,
        )


def login_failed(*, email: str, ip: str, device: str | None = None) -> None:
    """Count a wrong password for this account, client and address."""
    ip_key, _ = _window("login-ip", ip, settings.LOGIN_IP_WINDOW_SECONDS)
    try:
        account = _account(email)
        key = _pair_key(account, _client(ip=ip, device=device))
        failures = (cache.get(key) or {}).get("failures", 0) + 1
        extra = failures - settings.LOGIN_FREE_FAILURES
        delay = min(settings.LOGIN_DELAY_SECONDS * 2**extra, settings.LOGIN_MAX_DELAY_SECONDS) if extra >= 0 else 0
        cache.set(key, {"failures": failures, "until": time.time() + delay}, timeout=PAIR_MEMORY_SECONDS)
        if not device:
            _incr(_account_window(account)[0], timeout=HOUR)
            _incr(ip_key, timeout=settings.LOGIN_IP_WINDOW_SECONDS)
        if delay:
            logger.warning("accounts.login_slowed", extra={"account": _digest(email), "seconds": delay})
    except RedisError as exc:
        _unavailable(exc, check="login_failed")


def login_succeeded(*, email: str, ip: str, device: str | None = None) -> None:
    """A right password starts this client's count afresh."""
    try:
        cache.delete(_pair_key(_account(email), _client(ip=ip, device=device)))
    except RedisError as exc:
        _unavailable(exc, check="login_succeeded")


def login_unlock(*, email: str) -> None:
    """Forget every failure counted for the account (its owner proved the address by a reset link)."""
    try:
        key = _generation_key(email)
        cache.add(key, 0, timeout=None)
        cache.incr(key)
    except (RedisError, ValueError) as exc:
        _unavailable(exc, check="login_unlock")


def hourly_check(*, scope: str, subject: str, limit: int, message: Translatable) -> None:
    """Count one `scope` attempt by `subject` (an address, an account id) in this hour's
    window; raise AttemptsLimited beyond `limit`. Lets everything through without Redis."""
    key, left = _window(scope, subject, HOUR)
    try:
        attempts = _incr(key, timeout=HOUR)
    except RedisError as exc:
        _unavailable(exc, check=scope.replace("-", "_"))
        return
    if attempts > limit:
        raise AttemptsLimited(
            _("%(refusal)s Try again in %(wait)s.") % {"refusal": message, "wait": _wait(left)}, retry_after=left
        )


def _hourly_ip_check(*, scope: str, ip: str, limit: int, message: Translatable) -> None:
    hourly_check(scope=scope, subject=ip, limit=limit, message=message)


def register_check(*, ip: str) -> None:
    """Count a registration from `ip`; raise AttemptsLimited beyond the hourly limit."""
    _hourly_ip_check(
        scope="register-ip", ip=ip, limit=settings.REGISTER_MAX_PER_IP, message=_("Too many new accounts from your network.")
    )


def password_reset_check(*, ip: str) -> None:
    """Count a reset request from `ip`; raise AttemptsLimited beyond the hourly limit."""
    _hourly_ip_check(
        scope="reset-ip",
        ip=ip,
        limit=settings.PASSWORD_RESET_MAX_PER_IP,
        message=_("Too many password reset requests from your network."),
    )


def verification_resend_check(*, ip: str) -> None:
    """Count a request for a new verification link from `ip`; raise AttemptsLimited beyond the hourly limit."""
    _hourly_ip_check(
        scope="verify-ip",
        ip=ip,
        limit=settings.PASSWORD_RESET_MAX_PER_IP,
        message=_("Too many requests for verification links from your network."),
    )


def account_mail_allowed(*, kind: str, email: str) -> bool:
    """Count an e-mail of `kind` to `email`; False beyond the hourly limit (no mail bombing)."""
    key, _ = _window(f"mail-{kind}", email, HOUR)
    try:
        return _incr(key, timeout=HOUR) <= settings.ACCOUNT_MAILS_MAX_PER_HOUR
    except RedisError as exc:
        _unavailable(exc, check=f"mail_{kind}")
        return True
