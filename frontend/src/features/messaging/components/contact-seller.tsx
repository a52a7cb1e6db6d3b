import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { recordContactClick } from "@/features/messaging/api/record-contact-click";
import { useStartConversation } from "@/features/messaging/api/start-conversation";
import { MessageComposer } from "@/features/messaging/components/message-composer";
import { useSubmissionKey } from "@/lib/use-submission-key";

/** First message to a seller: starts (or reuses) the conversation and opens the thread. */
export function ContactSeller({ listingId, listingTitle }: { listingId: number; listingTitle: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartConversation();
  const submission = useSubmissionKey();
  // One contact click per visit to the page: the first time the form is used.
  const recorded = useRef(false);
  const recordOnce = () => {
    if (recorded.current) return;
    recorded.current = true;
    recordContactClick(listingId);
  };

  return (
    <div onFocus={recordOnce}>
      <MessageComposer
        label={t("listing.contactLabel")}
        initialValue={t("listing.contactTemplate", { title: listingTitle })}
        submitLabel={t("listing.contactSend")}
        sending={start.isPending}
        error={start.error}
        onSend={async (body) => {
          // Safari does not focus a clicked button, so sending counts too.
          recordOnce();
          const idempotencyKey = submission.keyFor({ listingId, body });
          const conversation = await start.mutateAsync({ listing_id: listingId, body, idempotencyKey });
          submission.succeeded();
          navigate(`/messages/${conversation.id}`);
        }}
      />
    </div>
  );
}
