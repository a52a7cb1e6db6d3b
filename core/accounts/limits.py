"""Limits on sign-in and password-reset attempts, counted in Redis through Django's cache.

- Per account: LOGIN_MAX_FAILURES wrong passwords within LOGIN_LOCKOUT_SECONDS
  lock the account for LOGIN_LOCKOUT_SECONDS; while locked even the right
  password is refused. Unknown addresses are counted and locked the same way,
  so a lock says nothing about whether an account exists.
- Per address (IP): LOGIN_IP_MAX_FAILURES wrong passwords in a fixed window of
  LOGIN_IP_WINDOW_SECONDS refuse further attempts from it until the window
  ends (password spraying across many accounts).
- Password reset: at most PASSWORD_RESET_MAX_PER_ACCOUNT e-mails an hour to one
  account (silently: the answer is always the same) and
  PASSWORD_RESET_MAX_PER_IP requests an hour from one address.

When Redis cannot be reached every check lets the attempt through and logs a
warning: a cache outage must never lock everybody out or turn sign-in into a
500 (docs/decisions/accounts.md).
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

HOUR = 3600


class AttemptsLimited(Exception):
    """Too many attempts: refuse until `retry_after` seconds have passed (HTTP 429)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


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


def _lock_key(email: str) -> str:
    return f"limit:login-lock:{_digest(email)}"


def _failures_key(email: str) -> str:
    return f"limit:login-failures:{_digest(email)}"


def login_check(*, email: str, ip: str) -> None:
    """Raise AttemptsLimited when this account is locked or this address failed too often."""
    ip_key, ip_left = _window("login-ip", ip, settings.LOGIN_IP_WINDOW_SECONDS)
    try:
        unlock_at, ip_failures = cache.get(_lock_key(email)), cache.get(ip_key) or 0
    except RedisError as exc:
        _unavailable(exc, check="login")
        return
    now = time.time()
    if unlock_at and unlock_at > now:
        minutes = math.ceil((unlock_at - now) / 60)
        raise AttemptsLimited(
            f"Too many failed sign-ins to this account. Try again in {minutes} minutes, or reset your password.",
            retry_after=math.ceil(unlock_at - now),
        )
    if ip_failures >= settings.LOGIN_IP_MAX_FAILURES:
        raise AttemptsLimited(
            f"Too many failed sign-ins from your network. Try again in {math.ceil(ip_left / 60)} minutes.",
            retry_after=ip_left,
        )


def login_failed(*, email: str, ip: str) -> None:
    """Count a wrong password; lock the account when it reaches the limit."""
    ip_key, _ = _window("login-ip", ip, settings.LOGIN_IP_WINDOW_SECONDS)
    lockout = settings.LOGIN_LOCKOUT_SECONDS
    try:
        _incr(ip_key, timeout=settings.LOGIN_IP_WINDOW_SECONDS)
        failures = _incr(_failures_key(email), timeout=lockout)
        if failures >= settings.LOGIN_MAX_FAILURES:
            cache.set(_lock_key(email), time.time() + lockout, timeout=lockout)
            cache.delete(_failures_key(email))
            logger.warning("accounts.login_locked", extra={"account": _digest(email), "seconds": lockout})
    except RedisError as exc:
        _unavailable(exc, check="login_failed")


def login_succeeded(*, email: str) -> None:
    """A right password starts the account's count afresh."""
    try:
        cache.delete(_failures_key(email))
    except RedisError as exc:
        _unavailable(exc, check="login_succeeded")


def login_unlock(*, email: str) -> None:
    """Lift a lock (after the owner proved the address by resetting the password)."""
    try:
        cache.delete_many([_lock_key(email), _failures_key(email)])
    except RedisError as exc:
        _unavailable(exc, check="login_unlock")


def password_reset_check(*, ip: str) -> None:
    """Count a reset request from `ip`; raise AttemptsLimited beyond the hourly limit."""
    key, left = _window("reset-ip", ip, HOUR)
    try:
        requests = _incr(key, timeout=HOUR)
    except RedisError as exc:
        _unavailable(exc, check="password_reset_ip")
        return
    if requests > settings.PASSWORD_RESET_MAX_PER_IP:
        raise AttemptsLimited(
            f"Too many password reset requests from your network. Try again in {math.ceil(left / 60)} minutes.",
            retry_after=left,
        )


def password_reset_email_allowed(*, email: str) -> bool:
    """Count a reset e-mail to `email`; False beyond the hourly limit (no mail bombing)."""
    key, _ = _window("reset-account", email, HOUR)
    try:
        return _incr(key, timeout=HOUR) <= settings.PASSWORD_RESET_MAX_PER_ACCOUNT
    except RedisError as exc:
        _unavailable(exc, check="password_reset_account")
        return True
