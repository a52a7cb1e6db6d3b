"""Moderation of messaging: the report queue, conversations and messages.

Everything is read-only here; moderators close reports through actions that
call core/messaging/services.py. Message bodies are other people's text: they
are only ever rendered through Django's escaping (format_html, plain strings).
"""

from typing import cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from core.accounts.models import User
from core.messaging.models import Conversation, ConversationReport, Message, MessageWarning, ReportStatus, UserBlock
from core.messaging.services import report_close

PREVIEW_CHARS = 80
RECENT_MESSAGES = 50


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the services; the admin looks, actions act."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyInConversationAdmin(ReadOnlyAdmin):
    """Rows that belong to a conversation (reports, messages): linked to it."""

    @admin.display(description="conversation")
    def conversation_link(self, row: ConversationReport | Message) -> SafeString:
        url = reverse("admin:messaging_conversation_change", args=[row.conversation_id])
        return format_html('<a href="{}">conversation {}</a>', url, row.conversation_id)


def _preview(text: str) -> str:
    return Truncator(text).chars(PREVIEW_CHARS)


def _transcript(conversation: Conversation) -> SafeString:
    rows = Message.objects.filter(conversation_id=conversation.pk).select_related("sender").order_by("-id")[:RECENT_MESSAGES]
    if not rows:
        return format_html("<p>{}</p>", "No messages.")
    lines = format_html_join(
        "\n",
        '<tr><td>{}</td><td>{}</td><td style="white-space: pre-wrap">{}</td><td>{}</td></tr>',
        ((m.created_at.strftime("%Y-%m-%d %H:%M"), m.sender.display_name, m.body, ", ".join(m.warnings)) for m in reversed(rows)),
    )
    return format_html("<table><tr><th>sent</th><th>by</th><th>message</th><th>warnings</th></tr>{}</table>", lines)


class ContactWarningFilter(admin.SimpleListFilter):
    title = "contact details"
    parameter_name = "warning"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("any", "Any warning"), *MessageWarning.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Message]) -> QuerySet[Message]:
        if self.value() == "any":
            return queryset.exclude(warnings=[])
        if self.value() in MessageWarning.values:
            return queryset.filter(warnings__contains=[self.value()])
        return queryset


@admin.register(ConversationReport)
class ConversationReportAdmin(ReadOnlyInConversationAdmin):
    list_display = ["id", "status", "created_at", "conversation_link", "reporter_name", "reason_preview", "resolved_by"]
    list_filter = ["status", "created_at", "resolved_at"]
    search_fields = ["reason", "conversation__listing__title"]
    list_select_related = ["reporter", "resolved_by"]
    date_hierarchy = "created_at"
    fields = readonly_fields = (
        "status",
        "created_at",
        "conversation_link",
        "reporter_name",
        "reason",
        "resolved_at",
        "resolved_by",
        "transcript",
    )
    actions = ["mark_resolved", "mark_dismissed"]

    def has_resolve_permission(self, request: HttpRequest) -> bool:
        # The form is read-only, yet closing a report is a change.
        return request.user.has_perm("messaging.change_conversationreport")

    @admin.display(description="reporter")
    def reporter_name(self, report: ConversationReport) -> str:
        return report.reporter.display_name

    @admin.display(description="reason")
    def reason_preview(self, report: ConversationReport) -> str:
        return _preview(report.reason)

    @admin.display(description="latest messages")
    def transcript(self, report: ConversationReport) -> SafeString:
        return _transcript(report.conversation)

    def _close(self, request: HttpRequest, queryset: QuerySet[ConversationReport], status: str) -> None:
        moderator = cast(User, request.user)  # the admin site admits signed-in staff only
        closed = report_close(report_ids=list(queryset.values_list("pk", flat=True)), moderator=moderator, status=status)
        self.message_user(request, f"{closed} report(s) marked {status}.", messages.SUCCESS)

    @admin.action(description="Mark resolved (action taken)", permissions=["resolve"])
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[ConversationReport]) -> None:
        self._close(request, queryset, ReportStatus.RESOLVED)

    @admin.action(description="Dismiss (no action needed)", permissions=["resolve"])
    def mark_dismissed(self, request: HttpRequest, queryset: QuerySet[ConversationReport]) -> None:
        self._close(request, queryset, ReportStatus.DISMISSED)


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    list_display = ["id", "listing", "buyer_name", "seller_name", "created_at", "last_message_at"]
    list_filter = ["listing__status", "created_at", "last_message_at"]
    search_fields = ["listing__title", "=listing__id", "=buyer__email", "=seller__email"]
    list_select_related = ["listing", "buyer", "seller"]
    fields = readonly_fields = ("listing", "buyer_name", "seller_name", "created_at", "last_message_at", "transcript")

    @admin.display(description="buyer")
    def buyer_name(self, conversation: Conversation) -> str:
        return conversation.buyer.display_name

    @admin.display(description="seller")
    def seller_name(self, conversation: Conversation) -> str:
        return conversation.seller.display_name

    @admin.display(description="latest messages")
    def transcript(self, conversation: Conversation) -> SafeString:
        return _transcript(conversation)


@admin.register(Message)
class MessageAdmin(ReadOnlyInConversationAdmin):
    list_display = ["id", "created_at", "conversation_link", "sender_name", "body_preview", "warning_list", "read_at"]
    list_filter = [ContactWarningFilter, "created_at", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["body", "=conversation__id"]
    list_select_related = ["sender"]
    fields = readonly_fields = (
        "conversation_link",
        "sender_name",
        "body",
        "warning_list",
        "created_at",
        "read_at",
        "notified_at",
    )

    @admin.display(description="sender")
    def sender_name(self, message: Message) -> str:
        return message.sender.display_name

    @admin.display(description="message")
    def body_preview(self, message: Message) -> str:
        return _preview(message.body)

    @admin.display(description="warnings")
    def warning_list(self, message: Message) -> str:
        return ", ".join(message.warnings)


@admin.register(UserBlock)
class UserBlockAdmin(ReadOnlyAdmin):
    list_display = ["id", "blocker", "blocked", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["=blocker__email", "=blocked__email"]
    list_select_related = ["blocker", "blocked"]
