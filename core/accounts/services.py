"""Account writes: registration, profile, sign-in, passwords."""

import logging
from collections.abc import Mapping
from smtplib import SMTPException
from typing import Any

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.accounts import limits
from core.accounts.models import AccessToken, AccountType, Language, User
from core.accounts.tokens import access_tokens_revoke
from core.accounts.verification import (
    user_from_uid,
    user_mark_verified,
    user_registration_notice_send,
    user_verification_send,
)
from core.catalog import countries
from core.catalog.countries import COUNTRY_CODES, DEFAULT_COUNTRY, country_code_read, country_get
from core.errors import FieldErrors
from core.messaging.realtime import password_group, sign_out_sockets
from core.push.models import Device

logger = logging.getLogger(__name__)

# The e-mail goes out from a worker (core/accounts/tasks.py), asked for by name
# so core does not import the interface; answering at once, whether or not the
# account exists, also keeps the reset endpoint from telling accounts apart.
PASSWORD_RESET_TASK = "accounts.send_password_reset"
VERIFICATION_TASK = "accounts.send_verification"
REGISTRATION_NOTICE_TASK = "accounts.send_registration_notice"
WARNING_TASK = "accounts.send_moderation_warning"
BAD_CREDENTIALS = _("The email or password is not right.")

DISPLAY_NAME_MAX = 80


def _clean_display_name(value: Any, errors: FieldErrors) -> str:
    if not isinstance(value, str) or not value.strip():
        errors["display_name"] = [_("Enter the name buyers and sellers will see.")]
        return ""
    value = " ".join(value.split())
    if len(value) > DISPLAY_NAME_MAX:
        errors["display_name"] = [_("Must be at most %(display_name_max)s characters.") % {"display_name_max": DISPLAY_NAME_MAX}]
    return value


def phone_normalized(text: str, *, country: str = DEFAULT_COUNTRY) -> str:
    """ "+<dial code><national number>" for a number of any of the countries written with
    its code ("+966 50 123 4567", "00966…", "966…"), a local number read as one of
    `country`'s, the account's ("3600 1122" in Bahrain, "050 123 4567" in Saudi Arabia);
    anything else as typed, less its punctuation (core/catalog/countries.py)."""
    return countries.phone_normalized(text, country=country)


def phone_format_message(country: str) -> str:
    """What a refused number is told: the format of the account's country, in the user's language."""
    each = country_get(country)
    return _(
        "Enter a %(country)s number: %(dial_code)s followed by %(digits)s digits (%(example)s), "
        "or another Gulf number with its country code."
    ) % {
        "country": each.name_ar if get_language() == "ar" else each.name_en,
        "dial_code": each.phone.dial_code,
        "digits": each.phone.digits,
        "example": each.phone.example,
    }


def clean_phone(value: Any, errors: FieldErrors, *, country: str) -> str:
    """A number of any of the countries, normalised; a local one is read as `country`'s."""
    if value in (None, ""):
        return ""
    # ASCII digits only: the API folds Arabic-Indic ones first (web/api/number_input.py).
    phone = phone_normalized(value, country=country) if isinstance(value, str) else ""
    if not (phone.isascii() and countries.phone_valid(phone)):
        errors["phone"] = [phone_format_message(country)]
    return phone


def _clean_country(value: Any, errors: FieldErrors) -> str:
    """One of the countries Sayara serves, as its lowercase code ("SA" is read as "sa")."""
    code = country_code_read(value)
    if code is None:
        errors["country"] = [_("Must be one of: %(values)s.") % {"values": ", ".join(COUNTRY_CODES)}]
        return DEFAULT_COUNTRY
    return code


def user_register(*, data: Mapping[str, Any], ip: str) -> str:
    """Create an unverified account and e-mail its verification link; return the address.

    A taken address answers the same, to the caller and in time (the password
    is hashed either way): its owner gets a notice that someone tried instead.
    Raises limits.AttemptsLimited when `ip` registered too often, ValidationError
    for bad fields.
    """
    limits.register_check(ip=ip)
    errors: FieldErrors = {}
    email = str(data.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid email address.")]
    display_name = _clean_display_name(data.get("display_name"), errors)
    country = _clean_country(data["country"], errors) if data.get("country") not in (None, "") else DEFAULT_COUNTRY
    phone = clean_phone(data.get("phone"), errors, country=country)
    password = data.get("password")
    user = User(email=email, display_name=display_name, phone=phone, country=country)
    if data.get("account_type") not in (None, ""):
        if data["account_type"] not in AccountType.values:
            errors["account_type"] = [_("Must be private or dealer.")]
        else:
            user.account_type = data["account_type"]
    if data.get("preferred_language") not in (None, ""):
        if data["preferred_language"] not in Language.values:
            errors["preferred_language"] = [_("Must be en or ar.")]
        else:
            user.preferred_language = data["preferred_language"]
    _check_new_password(password, user, field="password", errors=errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        logger.info("accounts.register_taken", extra={"user_id": existing.pk})
        if limits.account_mail_allowed(kind="register-notice", email=email):
            mail_later(REGISTRATION_NOTICE_TASK, existing.pk)
    else:
        logger.info("accounts.registered", extra={"user_id": user.pk})
        mail_later(VERIFICATION_TASK, user.pk)
    return email


def _active_account_of(email: Any) -> User | None:
    """The active account of a typed address; ValidationError naming `email` when it is no address."""
    if not isinstance(email, str) or not email.strip():
        raise ValidationError({"email": [_("Enter the email address of your account.")]})
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": [_("Enter a valid email address.")]}) from exc
    return User.objects.filter(email__iexact=email, is_active=True).first()


def user_verification_resend(*, user: User | None, email: Any, ip: str) -> None:
    """Send a new verification link to a signed-in unverified account, or to the
    unverified account of `email`; the same answer whatever the address is."""
    limits.verification_resend_check(ip=ip)
    if user is None:
        user = _active_account_of(email)
    if user is None or user.email_verified or not limits.account_mail_allowed(kind="verify", email=user.email):
        return
    mail_later(VERIFICATION_TASK, user.pk)


@transaction.atomic
def user_update_profile(*, user: User, data: Mapping[str, Any]) -> User:
    errors: FieldErrors = {}
    if "display_name" in data:
        user.display_name = _clean_display_name(data["display_name"], errors)
    if "country" in data:
        user.country = _clean_country(data["country"], errors)
    if "phone" in data:
        # A local number is read in the country asked for with it, else the account's.
        phone = clean_phone(data["phone"], errors, country=user.country)
        if phone != user.phone:
            user.phone, user.phone_verified_at = phone, None  # a new number is verified anew
    for choice in ("shows_call", "shows_whatsapp"):
        if choice in data:
            if not isinstance(data[choice], bool):
                errors[choice] = [_("Must be true or false.")]
            else:
                setattr(user, choice, data[choice])
    if (user.shows_call or user.shows_whatsapp) and not user.phone and "phone" not in errors:
        errors["phone"] = [_("Add your phone number to show Call or WhatsApp buttons.")]
    if "preferred_language" in data:
        if data["preferred_language"] not in Language.values:
            errors["preferred_language"] = [_("Must be en or ar.")]
        else:
            user.preferred_language = data["preferred_language"]
    if errors:
        raise ValidationError(errors)
    user.save()
    return user


def _check_new_password(password: Any, user: User, *, field: str, errors: FieldErrors) -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), reported under `field`."""
    if not isinstance(password, str) or not password:
        errors[field] = [_("Choose a password.")]
        return
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors[field] = list(exc.messages)


def user_authenticate(*, email: Any, password: Any, ip: str, device: str | None = None) -> User:
    """The account these credentials open, within the sign-in limits.

    `device` is the verified device the browser presented for this account
    (web/api/accounts.py). Raises limits.AttemptsLimited while this client must
    wait (even for the right password), ValidationError for wrong credentials.
    """
    if not isinstance(email, str) or not isinstance(password, str) or not email.strip() or not password:
        raise ValidationError({"non_field_errors": [_("Enter your email and password.")]})
    email = email.strip().lower()
    limits.login_check(email=email, ip=ip, device=device)
    user = authenticate(None, username=email, password=password)
    if user is None:
        limits.login_failed(email=email, ip=ip, device=device)
        logger.info("accounts.login_failed", extra={"ip": ip, "known_device": device is not None})
        raise ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
    limits.login_succeeded(email=email, ip=ip, device=device)
    return user


def user_password_set(user: User, new_password: str) -> None:
    """Give the account a new password and end every other sign-in: each token
    client's (its token and push devices go, core/accounts/tokens.py), so no phone
    hears anything more until it signs in again, and every browser's (sessions carry
    the old password's hash: Django drops them). The browsers' open chat sockets close
    once this commits; the one that changed it reconnects with its new hash."""
    old_password_sockets = password_group(user.pk, user.get_session_auth_hash())
    user.set_password(new_password)
    user.save(update_fields=["password"])
    access_tokens_revoke(AccessToken.objects.filter(user=user))
    Device.objects.filter(user=user).delete()
    transaction.on_commit(lambda: sign_out_sockets([old_password_sockets]))


@transaction.atomic
def user_change_password(*, user: User, current_password: Any, new_password: Any) -> User:
    errors: FieldErrors = {}
    if not isinstance(current_password, str) or not user.check_password(current_password):
        errors["current_password"] = [_("This is not your current password.")]
    _check_new_password(new_password, user, field="new_password", errors=errors)
    if "new_password" not in errors and isinstance(current_password, str) and new_password == current_password:
        errors["new_password"] = [_("Choose a password different from the current one.")]
    if errors:
        raise ValidationError(errors)
    user_password_set(user, new_password)
    logger.info("accounts.password_changed", extra={"user_id": user.pk})
    return user


def user_password_reset_request(*, email: Any, ip: str) -> None:
    """Send a reset link to `email` if it opens an active account; the same answer either way.

    Raises limits.AttemptsLimited when `ip` asked too often.
    """
    limits.password_reset_check(ip=ip)
    user = _active_account_of(email)
    if user is None or not limits.account_mail_allowed(kind="reset", email=user.email):
        return
    mail_later(PASSWORD_RESET_TASK, user.pk)


def mail_later(task: str, user_id: int) -> None:
    """Have a worker send an account e-mail after commit (so the answer does not wait, or tell anything)."""
    transaction.on_commit(lambda: _enqueue_mail(task, user_id), robust=True)


def _enqueue_mail(task: str, user_id: int) -> None:
    try:
        current_app.send_task(task, args=[user_id], retry=False)
    except (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError) as exc:
        # No broker: send from here rather than lose the e-mail.
        logger.warning("accounts.mail_enqueue_failed", extra={"task": task, "error": str(exc)})
        try:
            ACCOUNT_MAILS[task](user_id=user_id)
        except (SMTPException, OSError) as mail_exc:
            logger.error("accounts.mail_failed", extra={"task": task, "user_id": user_id, "error": str(mail_exc)})


def password_reset_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{settings.SITE_URL}/reset-password?uid={uid}&token={token}"


RESET_MAIL: dict[str, tuple[str, str]] = {
    Language.EN.value: (
        "Reset your Sayara password",
        "Hello {name},\n\nSomeone (we hope you) asked to reset the password of your Sayara account.\n"
        "Choose a new password here (the link works once, for {hours} hours):\n\n{link}\n\n"
        "If you did not ask for this, ignore this email: your password stays as it is.\n\nSayara",
    ),
    Language.AR.value: (
        "إعادة تعيين كلمة المرور في سيارة",
        "مرحباً {name}،\n\nطلب أحدهم (نأمل أن تكون أنت) إعادة تعيين كلمة مرور حسابك في سيارة.\n"
        "اختر كلمة مرور جديدة من هنا (يعمل الرابط مرة واحدة خلال {hours} ساعة):\n\n{link}\n\n"
        "إن لم تطلب ذلك فتجاهل هذه الرسالة، وستبقى كلمة مرورك كما هي.\n\nسيارة",
    ),
}


def user_password_reset_send(*, user_id: int) -> bool:
    """E-mail the reset link to the account; False if it is gone.

    Raises SMTPException or OSError when the mail server refused (the task retries).
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    subject, body = RESET_MAIL.get(user.preferred_language, RESET_MAIL[Language.EN.value])
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    text = body.format(name=user.display_name, hours=hours, link=password_reset_link(user))
    send_mail(subject, text, None, [user.email])
    logger.info("accounts.reset_mail_sent", extra={"user_id": user.pk})
    return True


INVALID_RESET_LINK = _("This reset link is invalid or has expired. Ask for a new one.")


@transaction.atomic
def user_password_reset_confirm(*, uid: Any, token: Any, new_password: Any) -> User:
    user = user_from_uid(uid)
    if user is None or not isinstance(token, str) or not default_token_generator.check_token(user, token):
        raise ValidationError({"token": [INVALID_RESET_LINK]})
    errors: FieldErrors = {}
    _check_new_password(new_password, user, field="new_password", errors=errors)
    if errors:
        raise ValidationError(errors)
    user_password_set(user, new_password)
    # Whoever can read the mailbox owns the address and may sign in again at once.
    user_mark_verified(user)
    limits.login_unlock(email=user.email)
    logger.info("accounts.password_reset", extra={"user_id": user.pk})
    return user


# What each account e-mail task sends (core/accounts/tasks.py), also used when no broker answers.
WARNING_MAIL: dict[str, tuple[str, str]] = {
    Language.EN.value: (
        "A warning about your listings on Sayara",
        "Hello {name},\n\nBuyers reported one of your listings and our team agreed it breaks Sayara's rules "
        "(honest prices, real cars, no duplicates, respectful words).\nPlease correct your listings: "
        "another report upheld may suspend your account.\n\n{link}\n\nSayara",
    ),
    Language.AR.value: (
        "تنبيه بشأن إعلاناتك في سيارة",
        "مرحباً {name}،\n\nأبلغ مشترون عن أحد إعلاناتك ورأى فريقنا أنه يخالف قواعد سيارة "
        "(أسعار صادقة، سيارات حقيقية، بلا تكرار، وكلمات لائقة).\nيرجى تصحيح إعلاناتك: "
        "فقد يؤدي بلاغ آخر مؤكد إلى إيقاف حسابك.\n\n{link}\n\nسيارة",
    ),
}


def user_warning_send(*, user_id: int) -> bool:
    """E-mail a moderator's warning to the seller, in their language; False if the account is gone."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    subject, body = WARNING_MAIL.get(user.preferred_language, WARNING_MAIL[Language.EN.value])
    send_mail(subject, body.format(name=user.display_name, link=f"{settings.SITE_URL}/me/listings"), None, [user.email])
    logger.info("accounts.warning_mail_sent", extra={"user_id": user.pk})
    return True


ACCOUNT_MAILS = {
    WARNING_TASK: user_warning_send,
    PASSWORD_RESET_TASK: user_password_reset_send,
    VERIFICATION_TASK: user_verification_send,
    REGISTRATION_NOTICE_TASK: user_registration_notice_send,
}
