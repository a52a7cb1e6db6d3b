"""Saved searches made the way buyers make them: through the service."""

from typing import Any

from core.alerts.models import SavedSearch
from core.alerts.services import saved_search_create
from testing.accounts import UserFactory


def make_saved_search(*, user: Any = None, query: str = "make=toyota", name: str = "Toyotas", alert: bool = True) -> SavedSearch:
    return saved_search_create(user=user or UserFactory(), name=name, query=query, alert=alert)
