import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ConversationList } from "@/features/messaging/components/conversation-list";
import { ConversationThread } from "@/features/messaging/components/conversation-thread";
import { ChatIcon } from "@/components/icons";
import { useDocumentTitle } from "@/lib/use-document-title";

export default function MessagesRoute() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  useDocumentTitle(t("nav.messages"));
  return (
    <div className="container page">
      <h1 className={id ? "visually-hidden" : undefined}>{t("nav.messages")}</h1>
      <div className={`inbox ${id ? "has-thread" : ""}`}>
        <nav className="inbox-list" aria-label={t("messages.conversations")}>
          <ConversationList activeId={id} />
        </nav>
        <div className="inbox-thread">
          {id ? (
            <ConversationThread key={id} conversationId={id} />
          ) : (
            <div className="inbox-placeholder muted">
              <ChatIcon size={40} />
              <p>{t("messages.pick")}</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
