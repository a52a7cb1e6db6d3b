"""core/accounts/services.py against the real PostgreSQL and Redis."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.accounts import limits
from core.accounts.models import AccessToken, User
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
from core.accounts.verification import (
    EmailUnverified,
    email_verification_link,
    user_mark_verified,
    user_registration_notice_send,
    user_verification_send,
    user_verify_email,
)
from core.listings.services import listing_publish
from core.messaging.services import conversation_start
from testing.accounts import NEW_PASSWORD, PASSWORD, UserFactory, fresh_email, fresh_ip, token_for
from testing.listings import make_listing

pytestmark = pytest.mark.django_db


def reset_parts(link: str) -> tuple[str, str]:
    query = link.split("?", 1)[1]
    values = dict(part.split("=", 1) for part in query.split("&"))
    return values["uid"], values["token"]


def test_register_creates_an_unverified_account_and_asks_for_its_verification_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        email = user_register(
            data={
                "email": "  Sara@Example.BH ",
                "password": PASSWORD,
                "display_name": "  Sara   Ali ",
                "phone": "+973 3312 3456",
                "account_type": "dealer",
                "preferred_language": "ar",
            },
            ip=fresh_ip(),
        )

    user = User.objects.get(email=email)
    assert email == "sara@example.bh"
    assert user.display_name == "Sara Ali"
    assert user.phone == "+97333123456"
    assert (user.account_type, user.preferred_language) == ("dealer", "ar")
    assert user.check_password(PASSWORD)
    assert not user.email_verified
    assert len(callbacks) == 1


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
            },
            ip=fresh_ip(),
        )

    errors = caught.value.message_dict
    assert set(errors) == {"email", "password", "display_name", "phone", "account_type", "preferred_language"}
    assert "+973" in errors["phone"][0]
    assert any("too short" in message for message in errors["password"])


def test_register_with_a_taken_address_answers_the_same_and_changes_nothing(django_capture_on_commit_callbacks):
    owner = UserFactory(email="taken@example.bh")

    with django_capture_on_commit_callbacks() as callbacks:
        email = user_register(data={"email": "TAKEN@example.bh", "password": NEW_PASSWORD, "display_name": "X"}, ip=fresh_ip())

    owner.refresh_from_db()
    assert email == "taken@example.bh"
    assert owner.check_password(PASSWORD) and owner.display_name != "X"
    assert User.objects.filter(email__iexact="taken@example.bh").count() == 1
    # The owner is told someone tried (one e-mail, like a new account's verification).
    assert len(callbacks) == 1


def test_registrations_from_one_address_are_limited(settings):
    settings.REGISTER_MAX_PER_IP = 2
    ip = fresh_ip()
    for _ in range(2):
        user_register(data={"email": fresh_email(), "password": PASSWORD, "display_name": "N"}, ip=ip)

    with pytest.raises(limits.AttemptsLimited) as caught:
        user_register(data={"email": fresh_email(), "password": PASSWORD, "display_name": "N"}, ip=ip)

    assert 0 < caught.value.retry_after <= 3600
    user_register(data={"email": fresh_email(), "password": PASSWORD, "display_name": "N"}, ip=fresh_ip())


def test_the_verification_link_verifies_once_and_only_its_own_address(settings):
    settings.SITE_URL = "https://sayara.example"
    user = UserFactory(email_verified_at=None, preferred_language="ar", display_name="Fatima")

    assert user_verification_send(user_id=user.pk)
    (message,) = mail.outbox
    assert message.subject == "أكّد بريدك الإلكتروني في سيارة" and "Fatima" in message.body
    token = message.body.split("https://sayara.example/verify-email?token=", 1)[1].split()[0]

    assert user_verify_email(token=token) == user
    user.refresh_from_db()
    assert user.email_verified
    # Opened again: still verified, no error; no new mail goes to a verified address.
    assert user_verify_email(token=token) == user
    assert not user_verification_send(user_id=user.pk)
    for bad in (token[:-2] + "xx", "nope", None, ["x"]):
        with pytest.raises(ValidationError) as caught:
            user_verify_email(token=bad)
        assert list(caught.value.message_dict) == ["token"]


def test_a_verification_link_for_an_old_address_does_not_verify_the_new_one():
    user = UserFactory(email_verified_at=None)
    token = email_verification_link(user).split("token=", 1)[1]
    User.objects.filter(pk=user.pk).update(email=fresh_email())

    with pytest.raises(ValidationError):
        user_verify_email(token=token)


def test_the_registration_notice_offers_sign_in_and_reset_never_a_verification_link(settings):
    settings.SITE_URL = "https://sayara.example"
    user = UserFactory(email_verified_at=None)

    assert user_registration_notice_send(user_id=user.pk)

    (message,) = mail.outbox
    assert "https://sayara.example/forgot-password" in message.body
    assert "verify-email" not in message.body


def test_publishing_and_messaging_need_a_verified_address():
    seller = UserFactory(email_verified_at=None)
    draft = make_listing(seller=seller, publish=False)

    with pytest.raises(EmailUnverified) as publishing:
        make_listing(seller=seller)
    with pytest.raises(EmailUnverified):
        listing_publish(listing_id=draft.pk)
    with pytest.raises(EmailUnverified) as messaging:
        conversation_start(buyer=seller, listing_id=make_listing().pk, body="Still for sale?")

    assert "Verify your e-mail address to publish a listing" in publishing.value.message
    assert messaging.value.code == "email_unverified"
    user_mark_verified(seller)
    assert listing_publish(listing_id=draft.pk).status == "active"


def test_profile_update_clears_the_phone_with_null():
    user = UserFactory(phone="+97333123456")

    user_update_profile(user=user, data={"phone": None, "display_name": "New Name"})

    user.refresh_from_db()
    assert (user.phone, user.display_name) == ("", "New Name")


def test_an_account_is_bahrains_until_its_owner_picks_another_country():
    user = UserFactory()
    assert user.country == "bh"

    user_update_profile(user=user, data={"country": " SA "})
    with pytest.raises(ValidationError) as caught:
        user_update_profile(user=user, data={"country": "fr"})

    user.refresh_from_db()
    assert user.country == "sa"
    assert list(caught.value.message_dict) == ["country"]
    assert "bh, sa, ae, kw, qa, om" in caught.value.message_dict["country"][0]


def test_register_takes_a_country():
    email = user_register(
        data={"email": fresh_email(), "password": PASSWORD, "display_name": "N", "country": "ae"}, ip=fresh_ip()
    )

    assert User.objects.get(email=email).country == "ae"


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


def test_after_five_failures_one_client_waits_longer_each_time_while_others_sign_in(settings):
    settings.LOGIN_DELAY_SECONDS, settings.LOGIN_MAX_DELAY_SECONDS = 30, 120
    user = UserFactory()
    attacker = fresh_ip()
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(email=user.email, password="wrong-password", ip=attacker)

    with pytest.raises(limits.AttemptsLimited) as slowed:
        user_authenticate(email=user.email, password="wrong-password", ip=attacker)
    # Waits are not locks: nobody else is slowed, the owner signs in from elsewhere.
    assert user_authenticate(email=user.email, password=PASSWORD, ip=fresh_ip()) == user
    assert 0 < slowed.value.retry_after <= 30
    assert "Wait" in str(slowed.value) and "reset your password" in str(slowed.value)
    waits = []
    for _ in range(3):
        limits.login_failed(email=user.email, ip=attacker)
        with pytest.raises(limits.AttemptsLimited) as caught:
            limits.login_check(email=user.email, ip=attacker)
        waits.append(caught.value.retry_after)
    assert waits == [60, 120, 120]


def test_a_flood_from_many_addresses_stops_unknown_clients_but_not_a_verified_device(settings):
    settings.LOGIN_ACCOUNT_MAX_FAILURES = 8
    user = UserFactory()
    for _ in range(8):
        with pytest.raises(ValidationError):
            user_authenticate(email=user.email, password="wrong-password", ip=fresh_ip())

    with pytest.raises(limits.AttemptsLimited) as caught:
        user_authenticate(email=user.email, password=PASSWORD, ip=fresh_ip())

    assert "device you used before" in str(caught.value)
    assert user_authenticate(email=user.email, password=PASSWORD, ip=fresh_ip(), device="owner-laptop") == user


def test_unknown_addresses_are_slowed_like_real_accounts():
    email, ip = fresh_email(), fresh_ip()
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(email=email, password="wrong-password", ip=ip)

    with pytest.raises(limits.AttemptsLimited):
        user_authenticate(email=email, password="wrong-password", ip=ip)


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


def test_change_password_checks_the_current_one_and_the_validators():
    user = UserFactory()

    with pytest.raises(ValidationError) as caught:
        user_change_password(user=user, current_password="wrong", new_password="short")

    assert set(caught.value.message_dict) == {"current_password", "new_password"}


def test_change_password_sets_it_and_deletes_every_token():
    user = UserFactory()
    token_for(user, "phone")
    token_for(user, "script")

    user_change_password(user=user, current_password=PASSWORD, new_password=NEW_PASSWORD)

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not AccessToken.objects.filter(user=user).exists()


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
    settings.ACCOUNT_MAILS_MAX_PER_HOUR = 1
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


def test_reset_confirm_sets_the_password_once_verifies_the_address_and_lifts_every_wait():
    user = UserFactory(email_verified_at=None)
    token_for(user)
    ip = fresh_ip()
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(email=user.email, password="wrong-password", ip=ip)
    uid, token = reset_parts(password_reset_link(user))

    user_password_reset_confirm(uid=uid, token=token, new_password=NEW_PASSWORD)

    assert user_authenticate(email=user.email, password=NEW_PASSWORD, ip=ip) == user
    user.refresh_from_db()
    assert user.email_verified
    assert not AccessToken.objects.filter(user=user).exists()
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
