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
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from core.accounts import limits
from core.accounts.models import BAHRAIN_PHONE, AccountType, Language, User

logger = logging.getLogger(__name__)

# The e-mail goes out from a worker (web/tasks/accounts.py), asked for by name
# so core does not import the interface; answering at once, whether or not the
# account exists, also keeps the reset endpoint from telling accounts apart.
PASSWORD_RESET_TASK = "accounts.send_password_reset"
BAD_CREDENTIALS = "The email or password is not right."

DISPLAY_NAME_MAX = 80


def _clean_display_name(value: Any, errors: dict[str, list[str]]) -> str:
    if not isinstance(value, str) or not value.strip():
        errors["display_name"] = ["Enter the name buyers and sellers will see."]
        return ""
    value = " ".join(value.split())
    if len(value) > DISPLAY_NAME_MAX:
        errors["display_name"] = [f"Must be at most {DISPLAY_NAME_MAX} characters."]
    return value


def _clean_phone(value: Any, errors: dict[str, list[str]]) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        errors["phone"] = [str(BAHRAIN_PHONE.message)]
        return ""
    phone = value.replace(" ", "").replace("-", "")
    try:
        BAHRAIN_PHONE(phone)
    except ValidationError as exc:
        errors["phone"] = list(exc.messages)
    return phone


@transaction.atomic
def user_register(*, data: Mapping[str, Any]) -> User:
    errors: dict[str, list[str]] = {}
    email = str(data.get("email") or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = ["Enter a valid email address."]
    display_name = _clean_display_name(data.get("display_name"), errors)
    phone = _clean_phone(data.get("phone"), errors)
    password = data.get("password")
    user = User(email=email, display_name=display_name, phone=phone)
    if data.get("account_type") not in (None, ""):
        if data["account_type"] not in AccountType.values:
            errors["account_type"] = ["Must be private or dealer."]
        else:
            user.account_type = data["account_type"]
    if data.get("preferred_language") not in (None, ""):
        if data["preferred_language"] not in Language.values:
            errors["preferred_language"] = ["Must be en or ar."]
        else:
            user.preferred_language = data["preferred_language"]
    _check_new_password(password, user, field="password", errors=errors)
    if "email" not in errors and User.objects.filter(email__iexact=email).exists():
        errors["email"] = ["An account with this email already exists."]
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise ValidationError({"email": ["An account with this email already exists."]}) from exc
    return user


@transaction.atomic
def user_update_profile(*, user: User, data: Mapping[str, Any]) -> User:
    errors: dict[str, list[str]] = {}
    if "display_name" in data:
        user.display_name = _clean_display_name(data["display_name"], errors)
    if "phone" in data:
        user.phone = _clean_phone(data["phone"], errors)
    if "preferred_language" in data:
        if data["preferred_language"] not in Language.values:
            errors["preferred_language"] = ["Must be en or ar."]
        else:
            user.preferred_language = data["preferred_language"]
    if errors:
        raise ValidationError(errors)
    user.save()
    return user


def _check_new_password(password: Any, user: User, *, field: str, errors: dict[str, list[str]]) -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), reported under `field`."""
    if not isinstance(password, str) or not password:
        errors[field] = ["Choose a password."]
        return
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors[field] = list(exc.messages)


def user_authenticate(*, email: Any, password: Any, ip: str) -> User:
    """The account these credentials open, within the sign-in limits.

    Raises limits.AttemptsLimited while the account or the address is locked
    out (even for the right password), ValidationError for wrong credentials.
    """
    if not isinstance(email, str) or not isinstance(password, str) or not email.strip() or not password:
        raise ValidationError({"non_field_errors": ["Enter your email and password."]})
    email = email.strip().lower()
    limits.login_check(email=email, ip=ip)
    user = authenticate(None, username=email, password=password)
    if user is None:
        limits.login_failed(email=email, ip=ip)
        logger.info("accounts.login_failed", extra={"ip": ip})
        raise ValidationError({"non_field_errors": [BAD_CREDENTIALS]})
    limits.login_succeeded(email=email)
    return user


def _sign_out_scripts(user: User) -> None:
    # A new password ends every other way in: sessions carry the old password's
    # hash (Django drops them); tokens are deleted here.
    Token.objects.filter(user=user).delete()


@transaction.atomic
def user_change_password(*, user: User, current_password: Any, new_password: Any) -> User:
    errors: dict[str, list[str]] = {}
    if not isinstance(current_password, str) or not user.check_password(current_password):
        errors["current_password"] = ["This is not your current password."]
    _check_new_password(new_password, user, field="new_password", errors=errors)
    if "new_password" not in errors and isinstance(current_password, str) and new_password == current_password:
        errors["new_password"] = ["Choose a password different from the current one."]
    if errors:
        raise ValidationError(errors)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _sign_out_scripts(user)
    logger.info("accounts.password_changed", extra={"user_id": user.pk})
    return user


def user_password_reset_request(*, email: Any, ip: str) -> None:
    """Send a reset link to `email` if it opens an active account; the same answer either way.

    Raises limits.AttemptsLimited when `ip` asked too often.
    """
    limits.password_reset_check(ip=ip)
    if not isinstance(email, str) or not email.strip():
        raise ValidationError({"email": ["Enter the email address of your account."]})
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": ["Enter a valid email address."]}) from exc
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not limits.password_reset_email_allowed(email=email):
        return
    transaction.on_commit(lambda: _request_reset_email(user.pk), robust=True)


def _request_reset_email(user_id: int) -> None:
    try:
        current_app.send_task(PASSWORD_RESET_TASK, args=[user_id], retry=False)
    except (kombu.exceptions.OperationalError, redis.exceptions.RedisError, OSError) as exc:
        # No broker: send from here rather than lose the e-mail.
        logger.warning("accounts.reset_enqueue_failed", extra={"error": str(exc)})
        try:
            user_password_reset_send(user_id=user_id)
        except (SMTPException, OSError) as mail_exc:
            logger.error("accounts.reset_mail_failed", extra={"user_id": user_id, "error": str(mail_exc)})


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


INVALID_RESET_LINK = "This reset link is invalid or has expired. Ask for a new one."


@transaction.atomic
def user_password_reset_confirm(*, uid: Any, token: Any, new_password: Any) -> User:
    user = None
    if isinstance(uid, str) and isinstance(token, str):
        try:
            user_id = int(force_str(urlsafe_base64_decode(uid)))
        except (ValueError, TypeError, UnicodeDecodeError):
            user_id = None
        user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError({"token": [INVALID_RESET_LINK]})
    errors: dict[str, list[str]] = {}
    _check_new_password(new_password, user, field="new_password", errors=errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _sign_out_scripts(user)
    # Whoever can read the mailbox may sign in again at once.
    limits.login_unlock(email=user.email)
    logger.info("accounts.password_reset", extra={"user_id": user.pk})
    return user
