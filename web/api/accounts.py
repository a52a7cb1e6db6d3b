"""Auth and account API (API.md, Auth and account)."""

from collections.abc import Mapping

from django.contrib.auth import login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.accounts.models import AccountType, Language, User
from core.accounts.services import (
    user_authenticate,
    user_change_password,
    user_password_reset_confirm,
    user_password_reset_request,
    user_register,
    user_update_profile,
)
from web.api.permissions import signed_in


class UserSerializer(serializers.ModelSerializer):
    """The signed-in user's own account: the only place email and phone appear."""

    phone = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "display_name",
            "phone",
            "account_type",
            "preferred_language",
            "date_joined",
            "is_analyst",
            "is_staff",
        ]

    @extend_schema_field({"type": "string", "nullable": True, "example": "+97333123456"})
    def get_phone(self, user: User) -> str | None:
        return user.phone or None


CREDENTIALS = inline_serializer("Credentials", {"email": serializers.EmailField(), "password": serializers.CharField()})
LIMITED = {429: OpenApiTypes.OBJECT}


class CsrfEvenAnonymous(BasePermission):
    """On the views that sign in or change credentials an anonymous caller must
    send the CSRF token too (login CSRF); DRF checks it for session users only.
    A token client sends no cookie to abuse, so it needs none."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not isinstance(request.successful_authenticator, TokenAuthentication):
            SessionAuthentication().enforce_csrf(request)
        return True


def client_ip(request: Request) -> str:
    # Behind a proxy, uvicorn's --forwarded-allow-ips puts the client's address here.
    return request.META.get("REMOTE_ADDR") or "unknown"


def json_object(request: Request) -> Mapping:
    if not isinstance(request.data, Mapping):
        raise ValidationError({"non_field_errors": ["Send a JSON object."]})
    return request.data


def _authenticate(request: Request) -> User:
    data = json_object(request)
    return user_authenticate(email=data.get("email"), password=data.get("password"), ip=client_ip(request))


class RegisterApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=inline_serializer(
            "Register",
            {
                "email": serializers.EmailField(),
                "password": serializers.CharField(),
                "display_name": serializers.CharField(),
                "phone": serializers.CharField(required=False, help_text="+973 followed by 8 digits"),
                "account_type": serializers.ChoiceField(choices=AccountType.choices, required=False),
                "preferred_language": serializers.ChoiceField(choices=Language.choices, required=False),
            },
        ),
        responses={201: UserSerializer},
        summary="Create an account (and sign in)",
    )
    def post(self, request: Request) -> Response:
        user = user_register(data=json_object(request))
        login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class LoginApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(
        request=CREDENTIALS,
        responses={200: UserSerializer, **LIMITED},
        summary="Sign in (session cookie); 429 with Retry-After after repeated failures",
    )
    def post(self, request: Request) -> Response:
        user = _authenticate(request)
        login(request._request, user)
        return Response(UserSerializer(user).data)


class LogoutApi(APIView):
    permission_classes = [CsrfEvenAnonymous]

    @extend_schema(request=None, responses={204: None}, summary="Sign out")
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenApi(APIView):
    # Scripts send no cookies, so no CSRF token either.
    authentication_classes: list = []

    @extend_schema(
        request=CREDENTIALS,
        responses={200: inline_serializer("TokenOut", {"token": serializers.CharField()}), **LIMITED},
        summary="A token for scripts (Authorization: Token <key>)",
    )
    def post(self, request: Request) -> Response:
        user = _authenticate(request)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


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
                "phone": serializers.CharField(required=False, allow_null=True, help_text="+973 and 8 digits; null clears"),
                "preferred_language": serializers.ChoiceField(choices=Language.choices, required=False),
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
        summary="Change my password (signs out my other sessions and deletes my script tokens)",
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
        user_password_reset_confirm(uid=data.get("uid"), token=data.get("token"), new_password=data.get("new_password"))
        return Response(status=status.HTTP_204_NO_CONTENT)
