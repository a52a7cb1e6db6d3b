"""Existing accounts become Bahrain's (core/accounts/migrations/0007_user_country.py)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.accounts.models import User
from testing.accounts import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets=None):  # type: ignore[no-untyped-def]
    """To `targets`, or (none given) to the latest migrations."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def test_accounts_from_before_countries_are_bahrains():
    user = UserFactory(country="sa")
    try:
        _migrate([("accounts", "0006_accesstoken")])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts_user' AND column_name = 'country'"
            )
            assert cursor.fetchone() == (0,)
    finally:
        _migrate()

    assert User.objects.get(pk=user.pk).country == "bh"
