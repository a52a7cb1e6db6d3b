"""The settings of the test run (pyproject.toml), and of every server and worker it
starts (they inherit DJANGO_SETTINGS_MODULE): production's (web/settings.py), but
for the cost of hashing a password."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher

from web.settings import *  # noqa: F403


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """The same algorithm and format as production's first hasher, at a test's cost:
    a million iterations take ~0.4 s of CPU, paid by every sign-in, registration and
    phone code of the suite. web/tests/test_settings.py checks production's hashers."""

    iterations = 1000


PASSWORD_HASHERS = ["testing.settings.QuickPBKDF2PasswordHasher"]
