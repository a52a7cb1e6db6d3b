"""The mobile app's devices, for push notifications (docs/API-notes/devices.md)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.accounts.models import AccessToken, Language
from core.push.models import Device, Platform
from core.push.selectors import devices_of
from core.push.services import device_delete, device_register
from web.api.idempotency import idempotent
from web.api.pagination import PAGE_PARAMETERS, page_response, paged
from web.api.permissions import signed_in
from web.api.text_input import json_object

TOKEN_EXAMPLE = "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]"


class DeviceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Device
        fields = ["id", "token", "platform", "language", "created_at", "registered_at"]
        read_only_fields = fields  # output only: the schema says every key is there


class DeviceWriteSerializer(serializers.Serializer):
    """Documents the keys for the schema; core/push/services.py validates them."""

    token = serializers.CharField(max_length=255, help_text=f"The app's Expo push token, {TOKEN_EXAMPLE}")
    platform = serializers.ChoiceField(choices=Platform.choices)
    language = serializers.ChoiceField(
        choices=Language.choices, required=False, help_text="The pushes' language; defaults to my preferred_language"
    )


class DevicesApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses=paged(DeviceSerializer(many=True), "DevicePage"),
        summary="My devices that receive push notifications, most recently registered first",
    )
    def get(self, request: Request) -> Response:
        return page_response(request, devices_of(signed_in(request)), DeviceSerializer)

    @extend_schema(
        request=DeviceWriteSerializer,
        responses={201: DeviceSerializer},
        summary="Register this device's push token (again): new messages and saved-search alerts are pushed to it",
        description=(
            "Idempotent per token: registering it again updates its platform and language and answers the same "
            "device; a token registered by another account moves to mine. Register again when the language "
            "changes. Signing out (`auth/logout` with the token that registered it) removes it."
        ),
        examples=[
            OpenApiExample(
                "An iPhone in Arabic", request_only=True, value={"token": TOKEN_EXAMPLE, "platform": "ios", "language": "ar"}
            )
        ],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        access_token = request.auth if isinstance(request.auth, AccessToken) else None
        device = device_register(user=signed_in(request), data=json_object(request), access_token=access_token)
        return Response(DeviceSerializer(device).data, status=status.HTTP_201_CREATED)


class DeviceDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None}, summary="Stop pushing to one of my devices (404 if it is not mine)")
    def delete(self, request: Request, device_id: int) -> Response:
        device_delete(user=signed_in(request), device_id=device_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
