"""core/accounts/services.py against the real PostgreSQL and Redis."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token

from core.accounts import limits
from core.accounts.models import User
from core.accounts.services import (
    INVALID_RESET_LINK,
    password_reset_link,
    user_authenticate,
    user_change_password,
    user_password_reset_confirm,
    user_password_reset_request,
    user_password_reset_send,
    user_register,
    user_update_profile,
)
from core.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "an0ther-Long-secret"


def fresh_email() -> str:
    return f"{uuid.uuid4().hex[:12]}@example.bh"


def fresh_ip() -> str:
    # Counters live in the shared Redis: a new address per test.
    number = uuid.uuid4().int
    return f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250}"


def reset_parts(link: str) -> tuple[str, str]:
    query = link.split("?", 1)[1]
    values = dict(part.split("=", 1) for part in query.split("&"))
    return values["uid"], values["token"]


def test_register_creates_an_account_with_a_bahrain_phone():
    user = user_register(
        data={
            "email": "  Sara@Example.BH ",
            "password": PASSWORD,
            "display_name": "  Sara   Ali ",
            "phone": "+973 3312 3456",
            "account_type": "dealer",
            "preferred_language": "ar",
        }
    )

    assert user.email == "sara@example.bh"
    assert user.display_name == "Sara Ali"
    assert user.phone == "+97333123456"
    assert (user.account_type, user.preferred_language) == ("dealer", "ar")
    assert user.check_password(PASSWORD)


def test_register_names_every_bad_field():
    with pytest.raises(ValidationError) as caught:
        user_register(
            data={
                "email": "not-an-email",
                "password": "123",
                "display_name": " ",
                "phone": "+97112345678",
                "account_type": "company",
                "preferred_language": "fr",
            }
        )

    errors = caught.value.message_dict
    assert set(errors) == {"email", "password", "display_name", "phone", "account_type", "preferred_language"}
    assert "+973" in errors["phone"][0]
    assert any("too short" in message for message in errors["password"])


def test_register_refuses_an_email_already_used_in_another_case():
    UserFactory(email="taken@example.bh")

    with pytest.raises(ValidationError) as caught:
        user_register(data={"email": "TAKEN@example.bh", "password": PASSWORD, "display_name": "Someone"})

    assert caught.value.message_dict == {"email": ["An account with this email already exists."]}


def test_profile_update_clears_the_phone_with_null():
    user = UserFactory(phone="+97333123456")

    user_update_profile(user=user, data={"phone": None, "display_name": "New Name"})

    user.refresh_from_db()
    assert (user.phone, user.display_name) == ("", "New Name")


def test_authenticate_returns_the_account_for_the_right_password():
    user = UserFactory()

    assert user_authenticate(email=user.email.upper(), password=PASSWORD, ip=fresh_ip()) == user


def test_authenticate_refuses_a_wrong_password_without_saying_which_part_is_wrong():
    user = UserFactory()

    with pytest.raises(ValidationError) as wrong_password:
        user_authenticate(email=user.email, password="wrong-password", ip=fresh_ip())
    with pytest.raises(ValidationError) as unknown_email:
        user_authenticate(email=fresh_email(), password="wrong-password", ip=fresh_ip())

    assert wrong_password.value.message_dict == unknown_email.value.message_dict


def test_five_failures_lock_the_account_even_for_the_right_password():
    user = UserFactory()
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(email=user.email, password="wrong-password", ip=fresh_ip())

    with pytest.raises(limits.AttemptsLimited) as caught:
        user_authenticate(email=user.email, password=PASSWORD, ip=fresh_ip())

    assert 14 * 60 < caught.value.retry_after <= 15 * 60
    assert "reset your password" in str(caught.value)


def test_a_success_starts_the_failure_count_afresh():
    user = UserFactory()
    ip = fresh_ip()
    for _ in range(4):
        with pytest.raises(ValidationError):
            user_authenticate(email=user.email, password="wrong-password", ip=ip)
    user_authenticate(email=user.email, password=PASSWORD, ip=ip)

    for _ in range(4):
        with pytest.raises(ValidationError):
            user_authenticate(email=user.email, password="wrong-password", ip=ip)

    assert user_authenticate(email=user.email, password=PASSWORD, ip=ip) == user


def test_unknown_addresses_lock_like_real_accounts():
    email = fresh_email()
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(email=email, password="wrong-password", ip=fresh_ip())

    with pytest.raises(limits.AttemptsLimited):
        user_authenticate(email=email, password="wrong-password", ip=fresh_ip())


def test_change_password_checks_the_current_one_and_the_validators():
    user = UserFactory()

    with pytest.raises(ValidationError) as caught:
        user_change_password(user=user, current_password="wrong", new_password="short")

    assert set(caught.value.message_dict) == {"current_password", "new_password"}


def test_change_password_sets_it_and_deletes_the_script_tokens():
    user = UserFactory()
    Token.objects.create(user=user)

    user_change_password(user=user, current_password=PASSWORD, new_password=NEW_PASSWORD)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not Token.objects.filter(user=user).exists()


def test_change_password_refuses_the_same_password():
    user = UserFactory()

    with pytest.raises(ValidationError) as caught:
        user_change_password(user=user, current_password=PASSWORD, new_password=PASSWORD)

    assert list(caught.value.message_dict) == ["new_password"]


def test_reset_request_asks_for_one_mail_for_an_account_and_none_for_an_unknown_address(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()

    with django_capture_on_commit_callbacks() as known:
        user_password_reset_request(email=user.email.upper(), ip=fresh_ip())
    with django_capture_on_commit_callbacks() as unknown:
        user_password_reset_request(email=fresh_email(), ip=fresh_ip())

    assert len(known) == 1
    assert unknown == []


def test_reset_request_names_a_malformed_email():
    with pytest.raises(ValidationError) as caught:
        user_password_reset_request(email="nobody", ip=fresh_ip())

    assert list(caught.value.message_dict) == ["email"]


def test_reset_requests_from_one_address_are_limited(settings):
    settings.PASSWORD_RESET_MAX_PER_IP = 2
    ip = fresh_ip()
    user_password_reset_request(email=fresh_email(), ip=ip)
    user_password_reset_request(email=fresh_email(), ip=ip)

    with pytest.raises(limits.AttemptsLimited) as caught:
        user_password_reset_request(email=fresh_email(), ip=ip)

    assert 0 < caught.value.retry_after <= 3600


def test_reset_mails_to_one_account_are_limited_silently(settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_RESET_MAX_PER_ACCOUNT = 1
    user = UserFactory()

    with django_capture_on_commit_callbacks() as first:
        user_password_reset_request(email=user.email, ip=fresh_ip())
    with django_capture_on_commit_callbacks() as second:
        user_password_reset_request(email=user.email, ip=fresh_ip())

    assert (len(first), len(second)) == (1, 0)


def test_reset_mail_is_in_the_account_language_with_a_working_link(settings):
    settings.SITE_URL = "https://sayara.example"
    user = UserFactory(preferred_language="ar", display_name="Fatima")

    assert user_password_reset_send(user_id=user.pk)

    (message,) = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "إعادة تعيين كلمة المرور في سيارة"
    assert "Fatima" in message.body
    assert "https://sayara.example/reset-password?uid=" in message.body


def test_reset_confirm_sets_the_password_once_and_unlocks_the_account():
    user = UserFactory()
    Token.objects.create(user=user)
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(email=user.email, password="wrong-password", ip=fresh_ip())
    uid, token = reset_parts(password_reset_link(user))

    user_password_reset_confirm(uid=uid, token=token, new_password=NEW_PASSWORD)

    assert user_authenticate(email=user.email, password=NEW_PASSWORD, ip=fresh_ip()) == user
    assert not Token.objects.filter(user=user).exists()
    with pytest.raises(ValidationError) as reused:
        user_password_reset_confirm(uid=uid, token=token, new_password="yet-another-Secret-1")
    assert reused.value.message_dict == {"token": [INVALID_RESET_LINK]}


@pytest.mark.parametrize(
    ("uid", "token"),
    [("bm9wZQ", "abc-def"), ("!!", "abc"), (None, None), (12, ["x"])],
)
def test_reset_confirm_refuses_bad_links(uid, token):
    with pytest.raises(ValidationError) as caught:
        user_password_reset_confirm(uid=uid, token=token, new_password=NEW_PASSWORD)

    assert caught.value.message_dict == {"token": [INVALID_RESET_LINK]}


def test_reset_confirm_checks_the_new_password():
    user = UserFactory()
    uid, token = reset_parts(password_reset_link(user))

    with pytest.raises(ValidationError) as caught:
        user_password_reset_confirm(uid=uid, token=token, new_password="password")

    assert list(caught.value.message_dict) == ["new_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_inactive_accounts_cannot_sign_in_or_reset(django_capture_on_commit_callbacks):
    user = UserFactory(is_active=False)

    with pytest.raises(ValidationError):
        user_authenticate(email=user.email, password=PASSWORD, ip=fresh_ip())
    with django_capture_on_commit_callbacks() as callbacks:
        user_password_reset_request(email=user.email, ip=fresh_ip())

    assert callbacks == []
    assert User.objects.filter(pk=user.pk, is_active=False).exists()
