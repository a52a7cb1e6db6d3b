"""E-mail verification: an account proves it reads its address by opening a link.

Publishing a listing and writing to someone need a verified address
(`user_require_verified`); everything else works before it. Registration
answers the same for a new and a taken address: the new one gets a
verification link, the owner of the taken one a notice that someone tried
(docs/decisions/accounts.md, "Registration").
"""

import logging
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext_lazy as _

from core.accounts.models import Language, User
from core.errors import Forbidden, Translatable

logger = logging.getLogger(__name__)
INVALID_LINK = _("This verification link is invalid or has expired. Ask for a new one.")


class EmailUnverified(Forbidden):
    """The account's address is not verified yet (HTTP 403, code "email_unverified")."""

    code = "email_unverified"


SALT = "sayara.accounts.verification"


def _address_digest(email: str) -> str:
    # A link names the address it verifies without spelling it: a change of address voids it.
    return salted_hmac(SALT, email.lower()).hexdigest()[:16]


def email_verification_link(user: User) -> str:
    token = signing.dumps([user.pk, _address_digest(user.email)], salt=SALT)
    return f"{settings.SITE_URL}/verify-email?token={token}"


def _user_of(token: Any) -> User | None:
    if not isinstance(token, str) or len(token) > 200:
        return None
    try:
        user_id, digest = signing.loads(token, salt=SALT, max_age=settings.EMAIL_VERIFICATION_TIMEOUT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not 0 < user_id < 2**63:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return user if user is not None and digest == _address_digest(user.email) else None


def user_from_uid(uid: Any) -> User | None:
    """The active account a reset link's `uid` names, or None."""
    if not isinstance(uid, str):
        return None
    try:
        user_id = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first() if 0 < user_id < 2**63 else None


def user_mark_verified(user: User) -> User:
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        User.objects.filter(pk=user.pk, email_verified_at=None).update(email_verified_at=user.email_verified_at)
    return user


@transaction.atomic
def user_verify_email(*, token: Any) -> User:
    """The account whose link this is, now verified (again is fine); ValidationError for a
    wrong or expired link."""
    user = _user_of(token)
    if user is None:
        raise ValidationError({"token": [INVALID_LINK]})
    return user_mark_verified(user)


def user_require_verified(user: User, *, to: Translatable) -> None:
    """Raise EmailUnverified unless the account's address is verified; `to` says what it wanted to do."""
    if user.email_verified_at is not None:
        return
    # The object may predate the click on the link (a WebSocket's user is loaded once).
    if User.objects.filter(pk=user.pk, email_verified_at__isnull=False).exists():
        return
    raise EmailUnverified(
        _("Verify your e-mail address to %(to)s: open the link we sent to %(email)s, or ask for a new one.")
        % {"to": to, "email": user.email}
    )


VERIFY_MAIL: dict[str, tuple[str, str]] = {
    Language.EN.value: (
        "Confirm your e-mail address for Sayara",
        "Hello {name},\n\nWelcome to Sayara. Confirm that this is your address to publish cars and write to sellers "
        "(the link works for {days} days):\n\n{link}\n\n"
        "If you did not create an account, ignore this e-mail: nothing happens without the link.\n\nSayara",
    ),
    Language.AR.value: (
        "أكّد بريدك الإلكتروني في سيارة",
        "مرحباً {name}،\n\nأهلاً بك في سيارة. أكّد أن هذا عنوانك لتنشر إعلانات السيارات وتراسل البائعين "
        "(يعمل الرابط {days} أيام):\n\n{link}\n\n"
        "إن لم تنشئ حساباً فتجاهل هذه الرسالة: لن يحدث شيء دون الرابط.\n\nسيارة",
    ),
}
REGISTRATION_NOTICE_MAIL: dict[str, tuple[str, str]] = {
    Language.EN.value: (
        "Someone tried to register with your address on Sayara",
        "Hello {name},\n\nSomeone (perhaps you) tried to create a new Sayara account with this address, "
        "which already has one. No new account was made and nobody got into yours.\n\n"
        "If it was you, sign in here: {sign_in}\nForgot your password? Choose a new one here: {reset}\n\n"
        "If it was not you, you can ignore this e-mail.\n\nSayara",
    ),
    Language.AR.value: (
        "حاول أحدهم التسجيل بعنوانك في سيارة",
        "مرحباً {name}،\n\nحاول أحدهم (ربما أنت) إنشاء حساب جديد في سيارة بهذا العنوان، وله حساب من قبل. "
        "لم يُنشأ حساب جديد ولم يدخل أحد إلى حسابك.\n\n"
        "إن كنت أنت فسجّل الدخول من هنا: {sign_in}\nنسيت كلمة المرور؟ اختر واحدة جديدة من هنا: {reset}\n\n"
        "إن لم تكن أنت فيمكنك تجاهل هذه الرسالة.\n\nسيارة",
    ),
}


def _mail(user: User, templates: dict[str, tuple[str, str]], **words: str) -> None:
    subject, body = templates.get(user.preferred_language, templates[Language.EN.value])
    send_mail(subject, body.format(name=user.display_name, **words), None, [user.email])


def user_verification_send(*, user_id: int) -> bool:
    """E-mail the verification link; False if the account is gone or already verified.

    Raises SMTPException or OSError when the mail server refused (the task retries).
    """
    user = User.objects.filter(pk=user_id, is_active=True, email_verified_at=None).first()
    if user is None:
        return False
    days = str(max(1, settings.EMAIL_VERIFICATION_TIMEOUT // 86400))
    _mail(user, VERIFY_MAIL, days=days, link=email_verification_link(user))
    logger.info("accounts.verification_mail_sent", extra={"user_id": user.pk})
    return True


def user_registration_notice_send(*, user_id: int) -> bool:
    """Tell an account's owner that someone tried to register with their address."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    # A reset link, never a verification link: whoever registered first may not own the mailbox.
    _mail(user, REGISTRATION_NOTICE_MAIL, sign_in=f"{settings.SITE_URL}/sign-in", reset=f"{settings.SITE_URL}/forgot-password")
    logger.info("accounts.registration_notice_sent", extra={"user_id": user.pk})
    return True
