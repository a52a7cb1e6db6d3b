"""core/accounts/limits.py: counters in the real Redis, and what happens without it."""

import logging

import pytest
from django.core.cache import cache

from core.accounts import limits
from testing.accounts import fresh_email, fresh_ip
from testing.processes import DEAD_REDIS


def test_an_address_is_refused_after_too_many_failures_across_accounts(settings):
    settings.LOGIN_IP_MAX_FAILURES = 3
    ip = fresh_ip()
    for _ in range(3):
        limits.login_check(email=fresh_email(), ip=ip)
        limits.login_failed(email=fresh_email(), ip=ip)

    with pytest.raises(limits.AttemptsLimited) as caught:
        limits.login_check(email=fresh_email(), ip=ip)

    assert 0 < caught.value.retry_after <= settings.LOGIN_IP_WINDOW_SECONDS
    assert "network" in str(caught.value)
    limits.login_check(email=fresh_email(), ip=fresh_ip())


def test_counters_never_hold_an_email_or_address_in_clear():
    email, ip = fresh_email(), fresh_ip()

    limits.login_failed(email=email, ip=ip)

    client = cache._cache.get_client(write=False)
    keys = [key.decode() for key in client.keys("*limit:*")]
    assert keys
    assert not [key for key in keys if email in key or ip in key]


def test_without_redis_every_check_lets_the_attempt_through_and_warns(settings, caplog):
    settings.CACHES = DEAD_REDIS
    email, ip = fresh_email(), fresh_ip()

    with caplog.at_level(logging.WARNING, logger="core.accounts.limits"):
        for _ in range(10):
            limits.login_check(email=email, ip=ip)
            limits.login_failed(email=email, ip=ip)
        limits.login_succeeded(email=email, ip=ip)
        limits.login_unlock(email=email)
        limits.password_reset_check(ip=ip)
        limits.register_check(ip=ip)
        allowed = limits.account_mail_allowed(kind="reset", email=email)

    assert allowed
    assert {record.check for record in caplog.records if record.msg == "accounts.limits_unavailable"} == {
        "login",
        "login_failed",
        "login_succeeded",
        "login_unlock",
        "reset_ip",
        "register_ip",
        "mail_reset",
    }
