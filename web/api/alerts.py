"""Saved searches and notifications API (API.md, Favourites and saved searches)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.alerts.emails import email_settings_for
from core.alerts.models import AlertEmailSettings, EmailFrequency, Notification, SavedSearch
from core.alerts.selectors import notifications_for_user, notifications_unread_count, saved_search_get, saved_searches_for_user
from core.alerts.services import (
    alert_email_settings_update,
    notifications_mark_read,
    saved_search_create,
    saved_search_delete,
    saved_search_update,
)
from discovery.alerts import QUERY_EXAMPLE, saved_query_normalize, saved_query_parse, saved_query_string, saved_query_title
from web.api.idempotency import idempotent
from web.api.listings import ListingSummarySerializer
from web.api.number_input import whole_number
from web.api.pagination import PAGE_PARAMETERS, page_response, paged
from web.api.permissions import signed_in
from web.api.price_approx import DISPLAY_CURRENCY_PARAMETER, approximation_context
from web.api.text_input import json_object


class SavedSearchSerializer(serializers.ModelSerializer):
    unread_count = serializers.IntegerField(help_text="Unread notifications of this search")

    class Meta:
        model = SavedSearch
        fields = ["id", "name", "query", "alert", "unread_count", "created_at", "updated_at"]
        read_only_fields = fields  # output only: the schema says every key is there


class SavedSearchWriteSerializer(serializers.Serializer):
    """Documents the writable keys for the schema; the services validate them."""

    name = serializers.CharField(required=False, max_length=80, help_text="Defaults to a summary of the query")
    query = serializers.CharField(
        min_length=1, help_text=f"The search's query string (API.md, Search) with at least one filter, e.g. {QUERY_EXAMPLE}"
    )
    alert = serializers.BooleanField(required=False, default=True, help_text="Notify me of new matches")


class NotificationSerializer(serializers.ModelSerializer):
    saved_search = inline_serializer(
        "NotificationSavedSearch",
        {"id": serializers.IntegerField(), "name": serializers.CharField(), "query": serializers.CharField()},
    )
    listing = ListingSummarySerializer()

    class Meta:
        model = Notification
        fields = ["id", "kind", "saved_search", "listing", "created_at", "read_at"]
        read_only_fields = fields  # output only: the schema says every key is there


def _saved_search_out(user: Any, saved_search_id: int) -> dict:
    return SavedSearchSerializer(saved_search_get(user=user, saved_search_id=saved_search_id)).data


class SavedSearchesApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=PAGE_PARAMETERS,
        responses=paged(SavedSearchSerializer(many=True), "SavedSearchPage"),
        summary="My saved searches, newest first",
    )
    def get(self, request: Request) -> Response:
        return page_response(request, saved_searches_for_user(user=signed_in(request)), SavedSearchSerializer)

    @extend_schema(
        request=SavedSearchWriteSerializer,
        responses={201: SavedSearchSerializer},
        summary="Save a search (and its alert)",
        examples=[
            OpenApiExample(
                "Land Cruisers under 9000 BHD",
                request_only=True,
                value={"query": "make=toyota&model=land-cruiser&price_max=9000", "alert": True},
            )
        ],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = json_object(request)
        search = saved_query_parse(data.get("query"))
        name = data.get("name")
        if name is None or (isinstance(name, str) and not name.strip()):
            name = saved_query_title(search)
        saved = saved_search_create(
            user=signed_in(request), name=name, query=saved_query_string(search), alert=data.get("alert", True)
        )
        return Response(_saved_search_out(request.user, saved.pk), status=status.HTTP_201_CREATED)


class SavedSearchDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=SavedSearchSerializer, summary="One of my saved searches")
    def get(self, request: Request, saved_search_id: int) -> Response:
        return Response(_saved_search_out(request.user, saved_search_id))

    @extend_schema(
        request=inline_serializer(
            "SavedSearchUpdate",
            {
                "name": serializers.CharField(required=False),
                "alert": serializers.BooleanField(required=False),
                "query": serializers.CharField(required=False),
            },
        ),
        responses=SavedSearchSerializer,
        summary="Rename a saved search, switch its alert or change its query",
    )
    def patch(self, request: Request, saved_search_id: int) -> Response:
        saved = saved_search_get(user=signed_in(request), saved_search_id=saved_search_id)
        data = json_object(request)
        changes: dict[str, Any] = {key: value for key, value in data.items() if key in ("name", "alert")}
        if "query" in data:
            changes["query"] = saved_query_normalize(data["query"])
        saved_search_update(saved_search=saved, changes=changes)
        return Response(_saved_search_out(request.user, saved_search_id))

    @extend_schema(responses={204: None}, summary="Delete a saved search (and its notifications)")
    def delete(self, request: Request, saved_search_id: int) -> Response:
        saved_search_delete(saved_search=saved_search_get(user=signed_in(request), saved_search_id=saved_search_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _flag(value: str | None, name: str) -> bool:
    if value in (None, "", "0", "false"):
        return False
    if value in ("1", "true"):
        return True
    raise serializers.ValidationError({name: [_("Must be true or false.")]})


def _id_param(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    number = whole_number(value)
    if number is None:
        raise serializers.ValidationError({name: [_("Must be the id of one of your saved searches.")]})
    return number


class NotificationsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("unread", bool, description="Only unread notifications"),
            OpenApiParameter("saved_search", int, description="Only this saved search's"),
            *PAGE_PARAMETERS,
            DISPLAY_CURRENCY_PARAMETER,
        ],
        responses=paged(
            NotificationSerializer(many=True),
            "NotificationPage",
            unread_count=serializers.IntegerField(help_text="All unread notifications"),
        ),
        summary="New matches of my saved searches, newest first (the page carries unread_count)",
    )
    def get(self, request: Request) -> Response:
        queryset = notifications_for_user(
            user=signed_in(request),
            unread=_flag(request.query_params.get("unread"), "unread"),
            saved_search_id=_id_param(request.query_params.get("saved_search"), "saved_search"),
        )
        response = page_response(request, queryset, NotificationSerializer, context=approximation_context(request))
        response.data["unread_count"] = notifications_unread_count(user=signed_in(request))
        return response


class NotificationsUnreadCountApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=inline_serializer("UnreadCount", {"unread_count": serializers.IntegerField()}),
        summary="How many notifications I have not read",
    )
    def get(self, request: Request) -> Response:
        return Response({"unread_count": notifications_unread_count(user=signed_in(request))})


class NotificationsReadApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "NotificationsRead",
            {
                "ids": serializers.ListField(child=serializers.IntegerField(), required=False),
                "saved_search": serializers.IntegerField(required=False),
                "all": serializers.BooleanField(required=False),
            },
        ),
        responses={204: None},
        summary="Mark notifications read: these ids, one saved search's, or all",
    )
    def post(self, request: Request) -> Response:
        data: Mapping = json_object(request)
        notifications_mark_read(
            user=signed_in(request),
            ids=data.get("ids"),
            saved_search_id=data.get("saved_search"),
            everything=data.get("all", False),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


HELP = {
    "frequency": "instant: an e-mail as alerts happen; daily: one digest a day (with recommendations)",
    "saved_searches": "E-mail new matches of my saved searches (their alert on)",
    "price_drops": "E-mail price drops on my favourites",
    "messages": "E-mail messages left unread for MESSAGING_UNREAD_EMAIL_AFTER_MINUTES (always as they happen)",
}


class AlertEmailSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = AlertEmailSettings
        fields = ["frequency", "saved_searches", "price_drops", "messages"]
        read_only_fields = fields  # output only: the schema says every key is there
        extra_kwargs = {name: {"help_text": text} for name, text in HELP.items()}


class AlertEmailSettingsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=AlertEmailSettingsSerializer, summary="How my alerts are e-mailed")
    def get(self, request: Request) -> Response:
        return Response(AlertEmailSettingsSerializer(email_settings_for(signed_in(request))).data)

    @extend_schema(
        request=inline_serializer(
            "AlertEmailSettingsUpdate",
            {
                "frequency": serializers.ChoiceField(choices=EmailFrequency.choices, required=False, help_text=HELP["frequency"]),
                "saved_searches": serializers.BooleanField(required=False, help_text=HELP["saved_searches"]),
                "price_drops": serializers.BooleanField(required=False, help_text=HELP["price_drops"]),
                "messages": serializers.BooleanField(required=False, help_text=HELP["messages"]),
            },
        ),
        responses=AlertEmailSettingsSerializer,
        summary="Choose instant e-mails or a daily digest, and which alerts are e-mailed",
    )
    def patch(self, request: Request) -> Response:
        choice = alert_email_settings_update(user=signed_in(request), changes=json_object(request))
        return Response(AlertEmailSettingsSerializer(choice).data)
