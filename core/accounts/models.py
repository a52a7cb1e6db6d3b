"""Accounts: a person signs in with an email address (never a username)."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

from core.catalog.countries import DEFAULT_COUNTRY, country_choices

ACCESS_TOKEN_NAME_MAX = 80

BAHRAIN_PHONE = RegexValidator(r"^\+973\d{8}$", _("Enter a Bahrain number: +973 followed by 8 digits."))


class AccountType(models.TextChoices):
    PRIVATE = "private", "Private seller"
    DEALER = "dealer", "Dealer"


class Language(models.TextChoices):
    EN = "en", "English"
    AR = "ar", "العربية"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        # An operator created from the command line owns the address they typed.
        fields.setdefault("email_verified_at", timezone.now())
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]  # knox is untyped (AccessToken)
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=80)
    phone = models.CharField(max_length=12, blank=True, validators=[BAHRAIN_PHONE])
    # Which contacts buyers see beside the chat on this seller's listings (they need a phone).
    shows_call = models.BooleanField(default=False)
    shows_whatsapp = models.BooleanField(default=False)
    # The phone number was confirmed by a code sent to it (core/accounts/phone.py): the "verified phone" badge.
    phone_verified_at = models.DateTimeField(null=True, blank=True)
    # A moderator suspended this seller (core/listings/reports.py): no sign-in, no listing in search.
    suspended_at = models.DateTimeField(null=True, blank=True)
    account_type = models.CharField(max_length=10, choices=AccountType.choices, default=AccountType.PRIVATE)
    preferred_language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    # Where this person buys and sells (core/catalog/countries.py): the web app's default market,
    # and the country a phone number written without its country code is read in.
    country = models.CharField(max_length=2, choices=country_choices(), default=DEFAULT_COUNTRY)
    # Analysts read market aggregates (/api/v1/analytics/aggregate); staff moderate.
    is_analyst = models.BooleanField(default=False)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    # Set when the owner opened the link e-mailed to the address (or reset the password through it):
    # publishing and messaging need it (docs/decisions/accounts.md).
    email_verified_at = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>"

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def language(self) -> str:
        """The language to write to this user in: theirs, else English."""
        return self.preferred_language if self.preferred_language in Language.values else Language.EN


class PhoneCode(models.Model):
    """The one code an account may confirm its phone with (core/accounts/phone.py), hashed."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    phone = models.CharField(max_length=12)
    code_hash = models.CharField(max_length=128)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"phone code for user {self.user_id}"


class AccessToken(AbstractAuthToken):
    """One native client's sign-in (the app on one phone, one script): `Authorization:
    Token <key>`. django-rest-knox keeps only the key's hash (and its first 15
    characters, to find it); each sign-in has its own, so signing out one phone
    leaves the others signed in (KNOX_TOKEN_MODEL; web/api/authentication.py)."""

    # A plain id to name it by in the API (knox's primary key is the hash).
    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    # What the client called itself when it signed in ("Huda's iPhone"), else its User-Agent.
    name = models.CharField(max_length=ACCESS_TOKEN_NAME_MAX, blank=True, default="")

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "-created"], name="access_token_user_created")]

    def __str__(self) -> str:
        return f"token {self.pk} of user {self.user_id}"
