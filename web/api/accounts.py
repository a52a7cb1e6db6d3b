"""Auth and account API (API.md, Auth and account)."""

from collections.abc import Mapping

from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ValidationError
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.accounts.models import User
from core.accounts.services import user_register, user_update_profile


class UserSerializer(serializers.ModelSerializer):
    """The signed-in user's own account: the only place email and phone appear."""

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


CREDENTIALS = inline_serializer("Credentials", {"email": serializers.EmailField(), "password": serializers.CharField()})


def _body(request: Request) -> Mapping:
    if not isinstance(request.data, Mapping):
        raise ValidationError({"non_field_errors": ["Send a JSON object."]})
    return request.data


def _authenticate(request: Request) -> User:
    data = _body(request)
    email, password = data.get("email"), data.get("password")
    if not isinstance(email, str) or not isinstance(password, str) or not email or not password:
        raise ValidationError({"non_field_errors": ["Enter your email and password."]})
    user = authenticate(request._request, username=email.strip().lower(), password=password)
    if user is None:
        raise ValidationError({"non_field_errors": ["The email or password is not right."]})
    return user


class RegisterApi(APIView):
    @extend_schema(
        request=inline_serializer(
            "Register",
            {
                "email": serializers.EmailField(),
                "password": serializers.CharField(),
                "display_name": serializers.CharField(),
                "phone": serializers.CharField(required=False),
            },
        ),
        responses={201: UserSerializer},
        summary="Create an account",
    )
    def post(self, request: Request) -> Response:
        user = user_register(data=_body(request))
        login(request._request, user, backend="django.contrib.auth.backends.ModelBackend")
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class LoginApi(APIView):
    @extend_schema(request=CREDENTIALS, responses=UserSerializer, summary="Sign in (session cookie)")
    def post(self, request: Request) -> Response:
        user = _authenticate(request)
        login(request._request, user)
        return Response(UserSerializer(user).data)


class LogoutApi(APIView):
    @extend_schema(request=None, responses={204: None}, summary="Sign out")
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenApi(APIView):
    authentication_classes: list = []

    @extend_schema(
        request=CREDENTIALS,
        responses=inline_serializer("TokenOut", {"token": serializers.CharField()}),
        summary="A token for scripts",
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
                "phone": serializers.CharField(required=False),
                "preferred_language": serializers.ChoiceField(choices=["en", "ar"], required=False),
            },
        ),
        responses=UserSerializer,
        summary="Update my profile",
    )
    def patch(self, request: Request) -> Response:
        user = user_update_profile(user=request.user, data=_body(request))
        return Response(UserSerializer(user).data)
