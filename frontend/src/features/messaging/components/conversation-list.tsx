import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useConversations, type Conversation } from "@/features/messaging/api/get-conversations";
import { otherPartyName } from "@/features/messaging/components/conversation-name";
import { CountPill } from "@/components/count-pill";
import { EmptyState } from "@/components/empty-state";
import { ChatIcon } from "@/components/icons";
import { QueryError } from "@/components/query-error";
import { Skeleton } from "@/components/skeleton";
import { useUser } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";

export function ConversationList({ activeId }: { activeId?: number }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data: user } = useUser();
  const { data, isPending, isError, error, refetch } = useConversations();

  if (isPending)
    return (
      <div className="conversation-list" aria-hidden="true">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} height={64} style={{ marginBlockEnd: 8 }} />
        ))}
      </div>
    );
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  if (!data.results.length)
    return (
      <EmptyState icon={<ChatIcon size={32} />} title={t("messages.emptyInbox")}>
        {t("messages.emptyInboxBody")}
      </EmptyState>
    );

  const lastActivity = (conversation: Conversation) => conversation.last_message_at ?? conversation.last_message?.created_at ?? conversation.created_at ?? "";
  const sorted = [...data.results].sort((a, b) => lastActivity(b).localeCompare(lastActivity(a)));

  return (
    <ul className="bare-list conversation-list">
      {sorted.map((conversation) => {
        const title = conversation.listing?.title ?? t("messages.listingNumber", { id: conversation.listing_id });
        const who = otherPartyName(conversation);
        const last = conversation.last_message;
        return (
          <li key={conversation.id}>
            <Link
              to={`/messages/${conversation.id}`}
              className={`tile conversation-item ${conversation.unread_count ? "is-unread" : ""}`}
              aria-current={conversation.id === activeId ? "page" : undefined}
            >
              <span className="conversation-item-head">
                <span className="conversation-item-title">
                  {who ? (
                    <>
                      <bdi>{who}</bdi> · <bdi>{title}</bdi>
                    </>
                  ) : (
                    <bdi>{title}</bdi>
                  )}
                </span>
                <CountPill count={conversation.unread_count} label={t("messages.unread", { count: conversation.unread_count })} />
              </span>
              {last ? (
                <span className="conversation-item-preview">
                  <span className="conversation-item-text" dir="auto">
                    {last.sender_id === user?.id ? `${t("messages.you")}: ` : ""}
                    {last.body}
                  </span>
                  <time className="muted num" dateTime={last.created_at}>
                    {formatDateTime(last.created_at, language)}
                  </time>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
