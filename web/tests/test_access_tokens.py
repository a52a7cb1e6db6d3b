"""Token sign-ins, one per device (core/accounts/tokens.py, read by web/api/authentication.py), and the migration
that carried DRF's single plaintext token per account over to them."""

import datetime
import importlib
import secrets

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed

from core.accounts.models import AccessToken
from core.accounts.tokens import access_token_issue, access_tokens_of
from testing.accounts import UserFactory
from web.api.authentication import TokenAuthentication

pytestmark = pytest.mark.django_db

carry_over = importlib.import_module("core.accounts.migrations.0006_accesstoken").carry_over_drf_tokens


def test_each_sign_in_has_its_own_key_stored_only_hashed_and_the_oldest_beyond_the_cap_ends(settings):
    settings.API_TOKENS_MAX = 2
    user = UserFactory()
    keys = [access_token_issue(user=user, name=f"phone {n}")[1] for n in range(3)]

    assert len(set(keys)) == 3
    assert [token.name for token in access_tokens_of(user)] == ["phone 2", "phone 1"]
    assert not AccessToken.objects.filter(digest__in=keys).exists()
    with pytest.raises(AuthenticationFailed):
        TokenAuthentication().authenticate_credentials(keys[0])
    assert TokenAuthentication().authenticate_credentials(keys[2])[0] == user


def test_a_token_unused_past_its_expiry_lapses_and_a_used_one_is_pushed_back():
    user = UserFactory()
    unused, unused_key = access_token_issue(user=user, name="old")
    used, used_key = access_token_issue(user=user, name="daily")
    AccessToken.objects.filter(pk=unused.pk).update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    AccessToken.objects.filter(pk=used.pk).update(expiry=timezone.now() + datetime.timedelta(days=1))

    TokenAuthentication().authenticate_credentials(used_key)

    assert [token.name for token in access_tokens_of(user)] == ["daily"]
    with pytest.raises(AuthenticationFailed):
        TokenAuthentication().authenticate_credentials(unused_key)
    used.refresh_from_db()
    assert used.expiry > timezone.now() + datetime.timedelta(days=89)


def test_the_migration_keeps_drf_tokens_working_hashed_and_drops_the_plaintext_table():
    user = UserFactory()
    key = secrets.token_hex(20)  # a DRF key: 40 hex characters
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamptz, user_id bigint)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, now(), %s)", [key, user.pk])
    with connection.schema_editor() as schema_editor:
        carry_over(apps, schema_editor)

    assert "authtoken_token" not in connection.introspection.table_names()
    assert TokenAuthentication().authenticate_credentials(key)[0] == user
    assert not AccessToken.objects.filter(digest=key).exists()
