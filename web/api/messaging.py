"""Messaging API (API.md, Messaging; additions in docs/decisions/messaging.md).

Only a conversation's two participants see it or write in it: anyone else
gets 404. The WebSocket (web/consumers/chat.py) calls the same services.
"""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.accounts.models import User
from core.messaging import selectors, services
from core.messaging.models import Conversation, MessageWarning
from core.messaging.payloads import message_payload
from web.api.authentication import SessionAuthentication, TokenAuthentication
from web.api.idempotency import idempotent
from web.api.listings import ListingSummarySerializer
from web.api.number_input import whole_number
from web.api.pagination import PAGE_PARAMETERS, PagePagination, paged
from web.api.price_approx import DISPLAY_CURRENCY_PARAMETER, approximation_context
from web.api.text_input import json_object


class MessageSerializer(serializers.Serializer):
    """The message shape (core/messaging/payloads.py writes it, for REST and the socket alike)."""

    id = serializers.IntegerField()
    conversation_id = serializers.IntegerField()
    sender_id = serializers.IntegerField()
    body = serializers.CharField(help_text="Plain text as written: escape it when showing it.")
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True, help_text="When the recipient read it; null while unread.")
    warnings = serializers.ListField(
        child=serializers.ChoiceField(choices=MessageWarning.values),
        help_text="Contact details spotted in the body: show a gentle safety notice.",
    )


class ParticipantSerializer(serializers.Serializer):
    """The other participant: their public name only, never email or phone."""

    id = serializers.IntegerField()
    display_name = serializers.CharField()


class ConversationSerializer(serializers.Serializer):
    """A conversation as one of its participants sees it (context: `user`; approximation_context's
    for its listing's `price_approx`)."""

    id = serializers.IntegerField()
    listing_id = serializers.IntegerField()
    listing = ListingSummarySerializer()
    role = serializers.SerializerMethodField()
    other_participant = serializers.SerializerMethodField()
    unread_count = serializers.IntegerField()
    last_message = serializers.SerializerMethodField()
    last_message_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    blocked_by_me = serializers.BooleanField()
    can_send = serializers.SerializerMethodField()

    def _is_buyer(self, conversation: Conversation) -> bool:
        return conversation.buyer_id == self.context["user"].pk

    @extend_schema_field(serializers.ChoiceField(choices=["buyer", "seller"]))
    def get_role(self, conversation: Conversation) -> str:
        return "buyer" if self._is_buyer(conversation) else "seller"

    @extend_schema_field(ParticipantSerializer)
    def get_other_participant(self, conversation: Conversation) -> dict:
        other = conversation.seller if self._is_buyer(conversation) else conversation.buyer
        return ParticipantSerializer(other).data

    @extend_schema_field(MessageSerializer(allow_null=True))
    def get_last_message(self, conversation: Conversation) -> dict | None:
        return message_payload(conversation.last_message) if conversation.last_message else None

    @extend_schema_field(serializers.BooleanField(help_text="False when either participant blocked the other."))
    def get_can_send(self, conversation: Any) -> bool:
        return not (conversation.blocked_by_me or conversation.blocked_me)


def _whole_number(value: Any, *, field: str) -> int:
    """A positive id from JSON (number or digits) or a query string."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    number = whole_number(value) if isinstance(value, str) else None
    if number is not None and 0 < number < 2**63:
        return number
    raise ValidationError({field: [_("Must be the id of a listing or message (a whole number from 1).")]})


def _optional_id(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    return _whole_number(raw, field=name) if raw else None


def _me(request: Request) -> User:
    # Every view here requires IsAuthenticated: the user is a real account.
    return cast(User, request.user)


def _conversation_context(request: Request) -> dict[str, Any]:
    """What ConversationSerializer needs: who reads, and the `display_currency` asked (checked
    before anything is written: a bad one loses no message)."""
    return {"user": _me(request), **approximation_context(request)}


def _conversation_output(*, conversation_id: int, request: Request, context: dict[str, Any]) -> dict:
    conversation = selectors.conversation_get_for_participant(conversation_id=conversation_id, user=_me(request))
    return ConversationSerializer(conversation, context=context).data


class ParticipantApi(APIView):
    # Token first: an anonymous request gets 401 with a challenge (API.md),
    # where a session-first stack would answer 403.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]


class ConversationsApi(ParticipantApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("listing_id", OpenApiTypes.INT, description="Only conversations about this listing"),
            *PAGE_PARAMETERS,
            DISPLAY_CURRENCY_PARAMETER,
        ],
        responses=paged(ConversationSerializer(many=True), "ConversationPage"),
        summary="My conversations, newest activity first",
    )
    def get(self, request: Request) -> Response:
        context = _conversation_context(request)
        conversations = selectors.conversation_list_for_user(user=_me(request), listing_id=_optional_id(request, "listing_id"))
        paginator = PagePagination()
        page = paginator.paginate_queryset(conversations, request)
        rows = ConversationSerializer(page, many=True, context=context).data
        return paginator.get_paginated_response(list(rows))

    @extend_schema(
        request=inline_serializer(
            "ConversationStart", {"listing_id": serializers.IntegerField(), "body": serializers.CharField(max_length=4000)}
        ),
        # 429: the first message counts against the sender's limits, as every message does.
        responses={201: ConversationSerializer, 200: ConversationSerializer, 429: OpenApiTypes.OBJECT},
        summary="Write to a listing's seller (201 new conversation; 200 when the buyer already has one about it)",
        examples=[OpenApiExample("First message", request_only=True, value={"listing_id": 1, "body": "Is it still for sale?"})],
        parameters=[DISPLAY_CURRENCY_PARAMETER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        context = _conversation_context(request)
        data = json_object(request)
        listing_id = _whole_number(data.get("listing_id"), field="listing_id")
        conversation, _, created = services.conversation_start(buyer=_me(request), listing_id=listing_id, body=data.get("body"))
        return Response(
            _conversation_output(conversation_id=conversation.pk, request=request, context=context),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ConversationDetailApi(ParticipantApi):
    @extend_schema(parameters=[DISPLAY_CURRENCY_PARAMETER], responses=ConversationSerializer, summary="One of my conversations")
    def get(self, request: Request, conversation_id: int) -> Response:
        return Response(
            _conversation_output(conversation_id=conversation_id, request=request, context=_conversation_context(request))
        )


class ConversationMessagesApi(ParticipantApi):
    @extend_schema(
        parameters=[
            OpenApiParameter("before", OpenApiTypes.INT, description="Only messages older than this message id"),
            OpenApiParameter(
                "after", OpenApiTypes.INT, description="Only messages newer than this message id, oldest first (catch-up)"
            ),
            *PAGE_PARAMETERS,
        ],
        responses=paged(MessageSerializer(many=True), "MessagePage"),
        summary="A conversation's messages, newest first (oldest first after a cursor)",
    )
    def get(self, request: Request, conversation_id: int) -> Response:
        before, after = _optional_id(request, "before"), _optional_id(request, "after")
        conversation = selectors.conversation_get_for_participant(conversation_id=conversation_id, user=_me(request))
        paginator = PagePagination()
        page = paginator.paginate_queryset(selectors.message_list(conversation=conversation, before=before, after=after), request)
        return paginator.get_paginated_response([message_payload(message) for message in page])

    @extend_schema(
        request=inline_serializer("MessageSend", {"body": serializers.CharField(max_length=4000)}),
        responses={201: MessageSerializer, 429: OpenApiTypes.OBJECT},
        summary="Send a message (429 with Retry-After when sending faster than the per-minute or per-day limit)",
        examples=[OpenApiExample("A reply", request_only=True, value={"body": "Yes, come and see it tomorrow."})],
    )
    @idempotent
    def post(self, request: Request, conversation_id: int) -> Response:
        body = json_object(request).get("body")
        message = services.message_send(sender=_me(request), conversation_id=conversation_id, body=body)
        return Response(message_payload(message), status=status.HTTP_201_CREATED)


class ConversationReadApi(ParticipantApi):
    @extend_schema(request=None, responses={204: None}, summary="Mark the messages I received here as read")
    def post(self, request: Request, conversation_id: int) -> Response:
        services.conversation_mark_read(reader=_me(request), conversation_id=conversation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ConversationBlockApi(ParticipantApi):
    @extend_schema(request=None, responses={204: None}, summary="Block the other participant (they can no longer write to me)")
    def post(self, request: Request, conversation_id: int) -> Response:
        services.user_block(blocker=_me(request), conversation_id=conversation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None}, summary="Unblock the other participant")
    def delete(self, request: Request, conversation_id: int) -> Response:
        services.user_unblock(blocker=_me(request), conversation_id=conversation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


REPORT_OUT = inline_serializer(
    "ConversationReportOut",
    {"id": serializers.IntegerField(), "status": serializers.CharField(), "created_at": serializers.DateTimeField()},
)


class ConversationReportApi(ParticipantApi):
    @extend_schema(
        request=inline_serializer("ConversationReportIn", {"reason": serializers.CharField(max_length=1000)}),
        responses={201: REPORT_OUT, 200: REPORT_OUT},
        summary="Report a conversation to the moderators (200 when my earlier report is still open)",
    )
    @idempotent
    def post(self, request: Request, conversation_id: int) -> Response:
        reason = json_object(request).get("reason")
        report, created = services.conversation_report(reporter=_me(request), conversation_id=conversation_id, reason=reason)
        return Response(
            {
                "id": report.pk,
                "status": report.status,
                "created_at": serializers.DateTimeField().to_representation(report.created_at),
            },
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class UnreadApi(ParticipantApi):
    @extend_schema(
        responses=inline_serializer(
            "UnreadTotals",
            {"unread_count": serializers.IntegerField(), "conversations_with_unread": serializers.IntegerField()},
        ),
        summary="Unread messages in all my conversations (the badge)",
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.unread_totals(user=_me(request)))
