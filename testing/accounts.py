"""Users made the way people sign up, with fresh addresses so shared Redis counters never collide."""

import functools
import secrets
import uuid

import factory
from django.contrib.auth.hashers import identify_hasher, make_password
from django.utils import timezone

from core.accounts.models import User
from core.accounts.tokens import access_token_issue

PASSWORD = "a-Long-passw0rd!"
NEW_PASSWORD = "an0ther-Long-secret"
# Sign-in counters live in Redis across test runs: addresses differ per run.
RUN = uuid.uuid4().hex[:8]


@functools.cache
def password_hash(raw: str = PASSWORD) -> str:
    # Hashing is slow on purpose (PBKDF2); the same hash serves every test user.
    return make_password(raw)


def _hashed(value: str) -> str:
    try:
        identify_hasher(value)
    except ValueError:
        return password_hash(value)
    return value


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose password is PASSWORD (or the raw `password=` given)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}-{RUN}@example.bh")
    display_name = factory.Faker("name")
    password = factory.LazyFunction(password_hash)
    # Verified, as most users are: tests of the unverified state pass email_verified_at=None.
    email_verified_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["password"] = _hashed(kwargs["password"])
        return super()._create(model_class, *args, **kwargs)


def fresh_email() -> str:
    return f"{uuid.uuid4().hex[:12]}@example.bh"


def fresh_ip() -> str:
    # Counters live in the shared Redis: a new address per test.
    number = uuid.uuid4().int
    return f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250}"


def fresh_phone() -> str:
    """A Bahrain mobile number no earlier run has used: sends are limited per number for an hour (in Redis)."""
    return f"+9733{secrets.randbelow(10**7):07d}"


def token_for(user: User, name: str = "tests") -> str:
    """The key of a new token sign-in of `user` (as `auth/token` would give), for `Authorization: Token`."""
    return access_token_issue(user=user, name=name)[1]
