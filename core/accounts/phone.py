"""Phone verification by a one-time code sent by SMS (core/accounts/sms.py).

A code is 6 digits, kept only as a salted hash, valid PHONE_CODE_MINUTES; a
new code replaces the last. Sends are limited per account (PHONE_CODES_PER_HOUR)
and per number (so one number cannot be flooded from many accounts), wrong
guesses per code (PHONE_CODE_ATTEMPTS: then a new code is needed). Changing
the phone number clears its verification (core/accounts/services.py)."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.accounts.limits import AttemptsLimited, hourly_check
from core.accounts.models import Language, PhoneCode, User
from core.accounts.services import clean_phone, phone_format_message
from core.accounts.sms import sms_send
from core.errors import FieldErrors

CODE_TEXT = {
    Language.EN.value: "Your Sayara code is {code}. It expires in {minutes} minutes. Never share it.",
    Language.AR.value: "رمزك في سيارة هو {code}. ينتهي خلال {minutes} دقائق. لا تشاركه مع أحد.",
}
WRONG_CODE = _("That code is not right. Check the SMS and try again.")
NO_CODE = _("This code has expired or was replaced. Ask for a new one.")


def _account(user: User) -> str:
    return f"{user.pk}:{user.date_joined.timestamp()}"


def phone_code_send(*, user: User, phone: object = None) -> User:
    """Send a new code to `phone` (saved as the account's number) or to the account's own number."""
    errors: FieldErrors = {}
    number = clean_phone(phone, errors, country=user.country) if phone not in (None, "") else user.phone
    if errors:
        raise ValidationError(errors)
    if not number:
        raise ValidationError({"phone": [phone_format_message(user.country)]})
    hourly_check(
        scope="phone-code", subject=_account(user), limit=settings.PHONE_CODES_PER_HOUR, message=_("Too many codes asked for.")
    )
    hourly_check(
        scope="phone-code-number",
        subject=number,
        limit=settings.PHONE_CODES_PER_HOUR,
        message=_("Too many codes sent to this number."),
    )
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        if number != user.phone:
            user.phone, user.phone_verified_at = number, None
            user.save(update_fields=["phone", "phone_verified_at"])
        PhoneCode.objects.filter(user=user).delete()
        PhoneCode.objects.create(
            user=user,
            phone=number,
            code_hash=make_password(code),
            expires_at=timezone.now() + datetime.timedelta(minutes=settings.PHONE_CODE_MINUTES),
        )
    text = CODE_TEXT.get(user.preferred_language, CODE_TEXT[Language.EN.value])
    sms_send(to=number, text=text.format(code=code, minutes=settings.PHONE_CODE_MINUTES))
    return user


def phone_code_confirm(*, user: User, code: object) -> User:
    """Verify the account's phone with the code sent to it. A wrong guess is
    counted (committed) before it is refused."""
    with transaction.atomic():
        pending = PhoneCode.objects.select_for_update().filter(user=user, phone=user.phone, expires_at__gt=timezone.now()).first()
        if pending is None:
            refusal: Exception | None = ValidationError({"code": [NO_CODE]})
        elif pending.attempts >= settings.PHONE_CODE_ATTEMPTS:
            refusal = AttemptsLimited(_("Too many wrong codes. Ask for a new one."), retry_after=1)
        elif not isinstance(code, str) or not check_password(code.strip(), pending.code_hash):
            pending.attempts += 1
            pending.save(update_fields=["attempts"])
            refusal = ValidationError({"code": [WRONG_CODE]})
        else:
            refusal = None
            pending.delete()
            user.phone_verified_at = timezone.now()
            user.save(update_fields=["phone_verified_at"])
    if refusal is not None:
        raise refusal
    return user
