"""The Django admin of every domain, one module each (autodiscovered as web.admin)."""

from web.admin import listings, messaging, rates  # noqa: F401
