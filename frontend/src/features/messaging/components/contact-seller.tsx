import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useStartConversation } from "@/features/messaging/api/start-conversation";
import { MessageComposer } from "@/features/messaging/components/message-composer";

/** First message to a seller: starts (or reuses) the conversation and opens the thread. */
export function ContactSeller({ listingId, listingTitle }: { listingId: number; listingTitle: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartConversation();
  return (
    <MessageComposer
      label={t("listing.contactLabel")}
      initialValue={t("listing.contactTemplate", { title: listingTitle })}
      submitLabel={t("listing.contactSend")}
      sending={start.isPending}
      error={start.error}
      onSend={async (body) => {
        const conversation = await start.mutateAsync({ listing_id: listingId, body });
        navigate(`/messages/${conversation.id}`);
      }}
    />
  );
}
