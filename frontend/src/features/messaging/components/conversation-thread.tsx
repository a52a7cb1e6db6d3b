import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSetBlocked } from "@/features/messaging/api/block-user";
import { useConversation } from "@/features/messaging/api/get-conversation";
import { threadOf, useMessages } from "@/features/messaging/api/get-messages";
import { useMarkRead } from "@/features/messaging/api/mark-read";
import { useSendMessage } from "@/features/messaging/api/send-message";
import { useSubmissionKey } from "@/lib/use-submission-key";
import { isBlockedError } from "@/features/messaging/components/composer-error";
import { ConversationActions } from "@/features/messaging/components/conversation-actions";
import { otherPartyName } from "@/features/messaging/components/conversation-name";
import { MessageComposer } from "@/features/messaging/components/message-composer";
import { useChatSocket } from "@/features/messaging/hooks/use-chat-socket";
import type { Message } from "@/features/messaging/types/messaging";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Price, PriceApprox } from "@/components/price";
import { QueryError } from "@/components/query-error";
import { Spinner } from "@/components/spinner";
import { useUser } from "@/lib/auth";
import { formatDate, formatTime } from "@/lib/format";
import { useLanguage } from "@/lib/use-language";
import { queryKeys } from "@/lib/query-keys";

/** Under a message of mine that carries contact details: sent anyway, with a gentle word. */
function SafetyNote({ message }: { message: Message }) {
  const { t } = useTranslation();
  if (!message.warnings?.length) return null;
  return (
    <p className="message-warning">
      {message.warnings.map((warning) => t(`messages.warning.${warning}`)).join(" ")} {t("messages.warning.advice")}
    </p>
  );
}

export function ConversationThread({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { data: user } = useUser();
  const { status } = useChatSocket();
  const queryClient = useQueryClient();
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const send = useSendMessage();
  const submission = useSubmissionKey();
  const markRead = useMarkRead();
  const unblock = useSetBlocked();
  const endRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState("");
  const thread = threadOf(messages.data);
  const newest = thread[thread.length - 1];

  // Keep the newest message in view and tell the server it has been read.
  const { mutate: markAsRead } = markRead;
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "end" });
    if (newest && newest.sender_id !== user?.id && !newest.read_at) markAsRead(conversationId);
  }, [newest, user?.id, conversationId, markAsRead]);

  const info = conversation.data;
  const canSend = info?.can_send !== false;

  // Blocked while writing (a 403 from sending): the composer gives way to the notice; focus follows it, as it is drawn.
  useLayoutEffect(() => {
    if (!canSend && (document.activeElement === document.body || document.activeElement === null)) noticeRef.current?.focus();
  }, [canSend]);

  if (messages.isError) return <QueryError error={messages.error} onRetry={() => messages.refetch()} />;

  const who = info ? otherPartyName(info) : null;
  const name = who ?? t("messages.thisPerson");
  const listingTitle = info?.listing?.title ?? (info ? t("messages.listingNumber", { id: info.listing_id }) : "");

  const days = thread.map((message) => formatDate(message.created_at, language));
  return (
    <section className="thread" aria-labelledby="thread-title">
      <header className="thread-head">
        <div className="thread-title">
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
                  <Price amount={info.listing.price} currency={info.listing.currency} />
                </>
              ) : null}
            </p>
          ) : null}
          <PriceApprox approx={info?.listing?.price_approx} />
        </div>
        <div className="thread-head-end">
          <span className={`live-dot live-${status}`} role="status">
            {t(`messages.socket.${status}`)}
          </span>
          {info ? <ConversationActions conversation={info} name={name} onDone={setNotice} /> : null}
        </div>
      </header>

      {notice ? (
        <div className="thread-notice">
          <Alert tone="success" action={<Button variant="ghost" size="s" onClick={() => setNotice("")}>{t("actions.dismiss")}</Button>}>
            {notice}
          </Alert>
        </div>
      ) : null}

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
                {mine ? <SafetyNote message={message} /> : null}
              </li>
            );
          })}
        </ol>
        <div ref={endRef} />
      </div>

      {canSend ? (
        <MessageComposer
          sending={send.isPending}
          error={send.error}
          onSend={(body) =>
            send.mutateAsync(
              { conversationId, body, idempotencyKey: submission.keyFor({ conversationId, body }) },
              {
                onSuccess: submission.succeeded,
                onError: (error) => {
                  if (isBlockedError(error)) void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversation(conversationId) });
                },
              },
            )
          }
        />
      ) : (
        <div ref={noticeRef} tabIndex={-1} className="thread-blocked">
          <Alert
            tone="info"
            action={
              info?.blocked_by_me ? (
                <Button
                  variant="secondary"
                  size="s"
                  loading={unblock.isPending}
                  onClick={() =>
                    unblock.mutate({ conversationId, block: false }, { onSuccess: () => setNotice(t("messages.unblockedThem", { name })) })
                  }
                >
                  {t("messages.unblock")}
                </Button>
              ) : null
            }
          >
            {info?.blocked_by_me ? t("messages.youBlockedNotice", { name }) : t("messages.blockedNotice", { name })}
          </Alert>
        </div>
      )}
    </section>
  );
}
