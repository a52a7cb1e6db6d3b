"""The Django admin of every domain, one module each (autodiscovered as web.admin)."""

from web.admin import messaging  # noqa: F401
