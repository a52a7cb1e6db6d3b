"""Account writes."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from core.accounts.models import BAHRAIN_PHONE, Language, User

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
    phone = str(value).replace(" ", "")
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
    if data.get("account_type") in ("private", "dealer"):
        user.account_type = data["account_type"]
    if data.get("preferred_language") in Language.values:
        user.preferred_language = data["preferred_language"]
    if not isinstance(password, str) or not password:
        errors["password"] = ["Choose a password."]
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
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
