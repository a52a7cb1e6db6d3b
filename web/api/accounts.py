"""Auth and account API (API.md, Auth and account)."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout, update_session_auth_hash
from django.core import signing
from django.db import transaction
from django.utils.crypto import get_random_string, salted_hmac
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.accounts.models import ACCESS_TOKEN_NAME_MAX, AccessToken, AccountType, Language, User
from core.accounts.phone import phone_code_confirm, phone_code_send
from core.accounts.services import (
    user_authenticate,
    user_change_password,
    user_password_reset_confirm,
    user_password_reset_request,
    user_register,
    user_update_profile,
    user_verification_resend,
)
from core.accounts.tokens import access_token_issue, access_token_revoke, access_tokens_of
from core.accounts.verification import user_verify_email
from core.catalog.countries import country_choices
from core.messaging.realtime import session_group, sign_out_sockets
from web.api.authentication import SessionAuthentication, TokenAuthentication
from web.api.pagination import PAGE_PARAMETERS, page_response, paged
from web.api.permissions import signed_in, viewer
from web.api.text_input import json_object
from web.api.visitors import client_ip


class UserSerializer(serializers.ModelSerializer):
    """The signed-in user's own account: the only place email and phone appear."""

    phone = serializers.SerializerMethodField()
    phone_verified = serializers.SerializerMethodField()
    email_verified = serializers.BooleanField(
        read_only=True, help_text="False until the link e-mailed to the address was opened: publishing and messaging wait"
    )

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "display_name",
            "phone",
            "account_type",
            "preferred_language",
            "country",
            "phone_verified",
            "shows_call",
            "shows_whatsapp",
            "date_joined",
            "email_verified",
            "is_analyst",
            "is_staff",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True, "example": "+97333123456"})
    def get_phone(self, user: User) -> str | None:
        return user.phone or None

    @extend_schema_field(serializers.BooleanField(help_text="The phone was confirmed by a code sent to it"))
    def get_phone_verified(self, user: User) -> bool:
        return bool(user.phone and user.phone_verified_at)


PHONE_HELP = (
    "A number of any of the countries with its code (+966 50 123 4567), or a local one of my country (3600 1122 in Bahrain)"
)
COUNTRY_INPUT = serializers.ChoiceField(
    choices=country_choices(),
    required=False,
    help_text="Where I buy and sell (default bh): the web app's market, and the country of a phone written without its code",
)
CREDENTIALS = inline_serializer("Credentials", {"email": serializers.EmailField(), "password": serializers.CharField()})
LIMITED = {429: OpenApiTypes.OBJECT}


def from_a_browser_session(request: Request) -> bool:
    """The request carries the site's session or CSRF cookie. A native client
    (the mobile app) sends neither, and its answers set none (no session is
    started for it)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES


def could_be_forged(request: Request) -> bool:
    """Another site's page could have made this request: it carries our cookies
    (a browser adds them), or it is a form post (which needs no CORS; a JSON body
    from another origin does, and we allow none)."""
    return from_a_browser_session(request) or request.content_type.split(";")[0].strip().lower() != "application/json"


class CsrfEvenAnonymous(BasePermission):
    """On the views that sign in or change credentials a browser must send the
    CSRF token even signed out (login CSRF); DRF checks it for session users
    only. A token client needs none, nor does a JSON request without our
    cookies (a native client): nothing in it could have been forged."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not isinstance(request.successful_authenticator, TokenAuthentication) and could_be_forged(request):
            SessionAuthentication().enforce_csrf(request)
        return True


class CsrfAlways(BasePermission):
    """Signing a session in always needs the CSRF token: a forged sign-in would
    set the attacker's session in the visitor's browser. Token clients use
    auth/token instead."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        SessionAuthentication().enforce_csrf(request)
        return True


# The browser that registered an address is signed in when it opens that address's link.
PENDING_VERIFICATION = "sayara.pending_verification"
DEVICE_SALT = "sayara.accounts.device"
REGISTERED = inline_serializer(
    "Registered",
    {
        "detail": serializers.CharField(),
        "email": serializers.EmailField(help_text="Where the link went (the address as given, normalized)"),
    },
)


def _account_digest(email: str) -> str:
    return salted_hmac(DEVICE_SALT, email.strip().lower()).hexdigest()[:24]


def verified_device(request: Request, email: Any) -> str | None:
    """The id of this browser's verified device for `email`'s account, from its signed cookie."""
    raw = request.COOKIES.get(settings.LOGIN_DEVICE_COOKIE)
    if not raw or not isinstance(email, str):
        return None
    try:
        value = signing.loads(raw, salt=DEVICE_SALT, max_age=settings.LOGIN_DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("a") != _account_digest(email):
        return None
    device = value.get("d")
    return device if isinstance(device, str) else None


def remember_device(response: Response, request: Request, user: User) -> Response:
    """Mark this browser as one of `user`'s verified devices (OWASP's device cookies): its
    sign-ins are let through the account-wide limit that unknown clients meet."""
    device = verified_device(request, user.email) or get_random_string(24)
    response.set_cookie(
        settings.LOGIN_DEVICE_COOKIE,
        signing.dumps({"a": _account_digest(user.email), "d": device}, salt=DEVICE_SALT),
        max_age=settings.LOGIN_DEVICE_COOKIE_AGE,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
        path="/api/",
    )
    return response


class RegisterApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=inline_serializer(
            "Register",
            {
                "email": serializers.EmailField(),
                "password": serializers.CharField(),
                "display_name": serializers.CharField(max_length=80),
                "phone": serializers.CharField(required=False, help_text=PHONE_HELP),
                "account_type": serializers.ChoiceField(choices=AccountType.choices, required=False),
                "preferred_language": serializers.ChoiceField(choices=Language.choices, required=False),
                "country": COUNTRY_INPUT,
            },
        ),
        responses={202: REGISTERED, **LIMITED},
        examples=[
            OpenApiExample(
                "A private seller",
                request_only=True,
                value={
                    "email": "huda@example.bh",
                    "password": "a-Long-passw0rd!",
                    "display_name": "Huda",
                    "phone": "+97333123456",
                },
            ),
            OpenApiExample(
                "Accepted",
                response_only=True,
                status_codes=["202"],
                value={
                    "detail": "We sent a link to huda@example.bh. Open it to confirm your address, then sign in.",
                    "email": "huda@example.bh",
                },
            ),
        ],
        summary="Create an account: a verification link goes to the address (the same answer if it is taken)",
        description=(
            "A browser sends the CSRF token (`GET auth/csrf`, then `X-CSRFToken`) and is signed in when it opens "
            "the link. A native client, sending JSON and none of the site's cookies, needs no CSRF token; after "
            "`auth/verify-email` it signs in with `auth/token`. 429 with Retry-After for an address or a network "
            "asking too often."
        ),
    )
    def post(self, request: Request) -> Response:
        email = user_register(data=json_object(request), ip=client_ip(request))
        if from_a_browser_session(request):
            request._request.session[PENDING_VERIFICATION] = email
        detail = _("We sent a link to %(email)s. Open it to confirm your address, then sign in.") % {"email": email}
        return Response({"detail": detail, "email": email}, status=status.HTTP_202_ACCEPTED)


class VerifyEmailApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=inline_serializer("VerifyEmail", {"token": serializers.CharField()}),
        responses={
            200: inline_serializer(
                "EmailVerified",
                {
                    "email_verified": serializers.BooleanField(),
                    "signed_in": serializers.BooleanField(help_text="True in the browser that registered (or is signed in)"),
                    "user": UserSerializer(allow_null=True),
                },
            )
        },
        summary="Confirm an address from the e-mailed link (signs in the browser that registered it)",
    )
    def post(self, request: Request) -> Response:
        user = user_verify_email(token=json_object(request).get("token"))
        current = viewer(request)
        if current is None and request._request.session.get(PENDING_VERIFICATION) == user.email:
            login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
            current = user
        signed_in_here = current is not None and current.pk == user.pk
        response = Response(
            {"email_verified": True, "signed_in": signed_in_here, "user": UserSerializer(user).data if signed_in_here else None}
        )
        return remember_device(response, request, user) if signed_in_here else response


class VerifyEmailResendApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=inline_serializer("VerifyEmailResend", {"email": serializers.EmailField(required=False)}),
        responses={204: None, **LIMITED},
        summary="A new verification link: to my address when signed in, else to `email` (204 whatever it is)",
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, Mapping) else {}
        user_verification_resend(user=viewer(request), email=data.get("email"), ip=client_ip(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class LoginApi(APIView):
    permission_classes = [CsrfAlways]

    @extend_schema(
        request=CREDENTIALS,
        responses={200: UserSerializer, **LIMITED},
        examples=[
            OpenApiExample("Sign in", request_only=True, value={"email": "huda@example.bh", "password": "a-Long-passw0rd!"})
        ],
        summary="Sign in (session cookie); 429 with Retry-After while this client must wait after wrong passwords",
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        user = user_authenticate(
            email=data.get("email"),
            password=data.get("password"),
            ip=client_ip(request),
            device=verified_device(request, data.get("email")),
        )
        login(request._request, user)
        return remember_device(Response(UserSerializer(user).data), request, user)


class LogoutApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=None,
        responses={204: None},
        summary="Sign out: ends this browser's session, or revokes the token the request carries",
        description=(
            "With `Authorization: Token <key>` that token is deleted, and with it the push devices registered with "
            "it (`/me/devices`): this client must ask `auth/token` again; the account's other phones and scripts "
            "stay signed in (`/me/tokens` lists them)."
        ),
    )
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, AccessToken):
            access_token_revoke(user=request.auth.user, token_id=request.auth.pk)
        session_key = request._request.session.session_key
        logout(request._request)
        if session_key:
            # This browser's open chat sockets (its other tabs) close too.
            transaction.on_commit(lambda: sign_out_sockets([session_group(session_key)]))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccessTokenSerializer(serializers.ModelSerializer):
    """One signed-in client: never its key, which only the client has."""

    created_at = serializers.DateTimeField(source="created", help_text="When it signed in")
    expires_at = serializers.DateTimeField(
        source="expiry", allow_null=True, help_text="It is signed out if unused until then; each use pushes this back"
    )
    current = serializers.SerializerMethodField()

    class Meta:
        model = AccessToken
        fields = ["id", "name", "created_at", "expires_at", "current"]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField(help_text="The token this request carries"))
    def get_current(self, token: AccessToken) -> bool:
        auth = self.context.get("auth")
        return isinstance(auth, AccessToken) and auth.pk == token.pk


class TokenOutSerializer(AccessTokenSerializer):
    """A new sign-in, with its key: the server keeps only its hash."""

    token = serializers.SerializerMethodField()

    class Meta(AccessTokenSerializer.Meta):
        fields = ["token", "id", "name", "created_at", "expires_at"]
        read_only_fields = fields

    @extend_schema_field(
        serializers.CharField(help_text="The key for `Authorization: Token <key>`: shown this once, keep it secret")
    )
    def get_token(self, token: AccessToken) -> str:
        return self.context["key"]


class TokenApi(APIView):
    # Native clients and scripts send no cookies, so no CSRF token either.
    authentication_classes: list = []

    @extend_schema(
        request=inline_serializer(
            "TokenIn",
            {
                "email": serializers.EmailField(),
                "password": serializers.CharField(),
                "name": serializers.CharField(
                    required=False,
                    max_length=ACCESS_TOKEN_NAME_MAX,
                    help_text="This device, as its owner will see it in `/me/tokens` (default: the User-Agent)",
                ),
            },
        ),
        responses={200: TokenOutSerializer, **LIMITED},
        examples=[
            OpenApiExample(
                "An iPhone signs in",
                request_only=True,
                value={"email": "huda@example.bh", "password": "a-Long-passw0rd!", "name": "Huda's iPhone"},
            )
        ],
        summary="Sign in a native client or script: a token of its own for `Authorization: Token <key>`",
        description=(
            "The same limits as `auth/login` (429 with Retry-After). No cookie and no CSRF token are needed or set. "
            "Each sign-in gets its own token (stored hashed): `auth/logout` with it signs out this client only; "
            "a password change or reset signs out every one. A token unused for API_TOKEN_IDLE_DAYS (90) lapses."
        ),
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        user = user_authenticate(
            email=data.get("email"),
            password=data.get("password"),
            ip=client_ip(request),
            device=verified_device(request, data.get("email")),
        )
        token, key = access_token_issue(user=user, name=data.get("name"), user_agent=request.headers.get("User-Agent", ""))
        return Response(TokenOutSerializer(token, context={"key": key}).data)


class AccessTokensApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses=paged(AccessTokenSerializer(many=True), "AccessTokenPage"),
        summary="My signed-in apps and scripts (tokens from `auth/token`), newest first",
    )
    def get(self, request: Request) -> Response:
        return page_response(request, access_tokens_of(signed_in(request)), AccessTokenSerializer, context={"auth": request.auth})


class AccessTokenDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={204: None},
        summary="Sign one of my apps or scripts out (404 if it is not mine); its push devices go too",
    )
    def delete(self, request: Request, token_id: int) -> Response:
        access_token_revoke(user=signed_in(request), token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(ensure_csrf_cookie, name="get")
class CsrfApi(APIView):
    @extend_schema(responses={204: None}, summary="Set the CSRF cookie")
    def get(self, request: Request) -> Response:
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=UserSerializer, summary="My account")
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user).data)

    @extend_schema(
        request=inline_serializer(
            "ProfileUpdate",
            {
                "display_name": serializers.CharField(required=False),
                "phone": serializers.CharField(required=False, allow_null=True, help_text=f"{PHONE_HELP}; null clears"),
                "preferred_language": serializers.ChoiceField(choices=Language.choices, required=False),
                "country": COUNTRY_INPUT,
                "shows_call": serializers.BooleanField(required=False, help_text="A Call button on my listings"),
                "shows_whatsapp": serializers.BooleanField(required=False, help_text="A WhatsApp button on my listings"),
            },
        ),
        responses=UserSerializer,
        summary="Update my profile",
    )
    def patch(self, request: Request) -> Response:
        user = user_update_profile(user=signed_in(request), data=json_object(request))
        return Response(UserSerializer(user).data)


class PasswordChangeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "PasswordChange", {"current_password": serializers.CharField(), "new_password": serializers.CharField()}
        ),
        responses={204: None},
        summary="Change my password (signs out my other sessions and every app and script: all my tokens)",
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        user = user_change_password(
            user=signed_in(request), current_password=data.get("current_password"), new_password=data.get("new_password")
        )
        if request._request.user.is_authenticated:
            # Keep this browser signed in; the other sessions end.
            update_session_auth_hash(request._request, user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=inline_serializer("PasswordReset", {"email": serializers.EmailField()}),
        responses={204: None, **LIMITED},
        summary="E-mail a reset link (204 whether or not the account exists)",
    )
    def post(self, request: Request) -> Response:
        user_password_reset_request(email=json_object(request).get("email"), ip=client_ip(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetConfirmApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=inline_serializer(
            "PasswordResetConfirm",
            {"uid": serializers.CharField(), "token": serializers.CharField(), "new_password": serializers.CharField()},
        ),
        responses={204: None},
        summary="Set a new password from the e-mailed link",
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        user = user_password_reset_confirm(uid=data.get("uid"), token=data.get("token"), new_password=data.get("new_password"))
        # The reset link proved the mailbox: this browser gets through the sign-in limits.
        return remember_device(Response(status=status.HTTP_204_NO_CONTENT), request, user)


class PhoneVerifyApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "PhoneVerify", {"phone": serializers.CharField(required=False, help_text="A new number; else the account's")}
        ),
        responses={202: UserSerializer, 400: OpenApiTypes.OBJECT, 401: OpenApiTypes.OBJECT, 429: OpenApiTypes.OBJECT},
        summary="Send a one-time code by SMS to my phone",
    )
    def post(self, request: Request) -> Response:
        user = phone_code_send(user=signed_in(request), phone=json_object(request).get("phone"))
        return Response(UserSerializer(user).data, status=status.HTTP_202_ACCEPTED)


class PhoneConfirmApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer("PhoneConfirm", {"code": serializers.CharField(help_text="The 6 digits of the SMS")}),
        responses={200: UserSerializer, 400: OpenApiTypes.OBJECT, 401: OpenApiTypes.OBJECT, 429: OpenApiTypes.OBJECT},
        summary="Confirm my phone with the code",
    )
    def post(self, request: Request) -> Response:
        return Response(UserSerializer(phone_code_confirm(user=signed_in(request), code=json_object(request).get("code"))).data)
