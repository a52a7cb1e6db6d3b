import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useConversation } from "@/features/messaging/api/get-conversation";
import { threadOf, useMessages } from "@/features/messaging/api/get-messages";
import { useMarkRead } from "@/features/messaging/api/mark-read";
import { useSendMessage } from "@/features/messaging/api/send-message";
import { otherPartyName } from "@/features/messaging/components/conversation-name";
import { MessageComposer } from "@/features/messaging/components/message-composer";
import { useChatSocket } from "@/features/messaging/hooks/use-chat-socket";
import { Button } from "@/components/button";
import { Price } from "@/components/price";
import { QueryError } from "@/components/query-error";
import { Spinner } from "@/components/spinner";
import { useUser } from "@/lib/auth";
import { formatDate, formatTime } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";

export function ConversationThread({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data: user } = useUser();
  const { status } = useChatSocket();
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const send = useSendMessage();
  const markRead = useMarkRead();
  const endRef = useRef<HTMLDivElement>(null);
  const thread = threadOf(messages.data);
  const newest = thread[thread.length - 1];

  // Keep the newest message in view and tell the server it has been read.
  const { mutate: markAsRead } = markRead;
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "end" });
    if (newest && newest.sender_id !== user?.id && !newest.read_at) markAsRead(conversationId);
  }, [newest, user?.id, conversationId, markAsRead]);

  if (messages.isError) return <QueryError error={messages.error} onRetry={() => messages.refetch()} />;

  const info = conversation.data;
  const who = info ? otherPartyName(info) : null;
  const listingTitle = info?.listing?.title ?? (info ? t("messages.listingNumber", { id: info.listing_id }) : "");

  const days = thread.map((message) => formatDate(message.created_at, language));
  return (
    <section className="thread" aria-labelledby="thread-title">
      <header className="thread-head">
        <div>
          <h2 id="thread-title">
            <bdi>{who ?? listingTitle}</bdi>
          </h2>
          {info ? (
            <p className="muted">
              <Link to={`/listings/${info.listing_id}`}>
                <bdi>{listingTitle}</bdi>
              </Link>
              {info.listing?.price ? (
                <>
                  {" · "}
                  <Price amount={info.listing.price} />
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        <span className={`live-dot live-${status}`} role="status">
          {t(`messages.socket.${status}`)}
        </span>
      </header>

      <div className="thread-body">
        {messages.hasNextPage ? (
          <div className="thread-older">
            <Button variant="ghost" size="s" loading={messages.isFetchingNextPage} onClick={() => messages.fetchNextPage()}>
              {t("messages.loadOlder")}
            </Button>
          </div>
        ) : null}
        {messages.isPending ? <Spinner label={t("common.loading")} /> : null}
        {messages.isSuccess && !thread.length ? <p className="thread-empty muted">{t("messages.emptyThread")}</p> : null}
        {/* Bodies are plain text: React renders them as text nodes, never as HTML. */}
        <ol className="bare-list message-list" aria-label={t("messages.threadLabel")} aria-live="polite" aria-relevant="additions">
          {thread.map((message, index) => {
            const mine = message.sender_id === user?.id;
            const day = days[index];
            const showDay = index === 0 || day !== days[index - 1];
            return (
              <li key={message.id} className={`message ${mine ? "message-mine" : "message-theirs"}`}>
                {showDay ? <div className="message-day muted">{day}</div> : null}
                <div className="message-bubble">
                  <span className="visually-hidden">{mine ? t("messages.you") : (who ?? t("messages.them"))}: </span>
                  <p className="message-text" dir="auto">
                    {message.body}
                  </p>
                  <time className="message-time num" dateTime={message.created_at}>
                    {formatTime(message.created_at, language)}
                  </time>
                </div>
              </li>
            );
          })}
        </ol>
        <div ref={endRef} />
      </div>

      <MessageComposer
        sending={send.isPending}
        error={send.error}
        onSend={(body) => send.mutateAsync({ conversationId, body })}
      />
    </section>
  );
}
