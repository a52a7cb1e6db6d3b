import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSetBlocked } from "@/features/messaging/api/block-user";
import { useReportConversation } from "@/features/messaging/api/report-conversation";
import type { Conversation } from "@/features/messaging/types/messaging";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/dialog";
import { FormErrors, TextAreaField } from "@/components/field";
import { useSubmissionKey } from "@/lib/use-submission-key";
import { formErrorsOf } from "@/lib/form-errors";

const REPORT_REASON_MAX = 1000;

type Props = {
  conversation: Conversation;
  name: string;
  /** Says what happened, where the thread shows its notices. */
  onDone: (message: string) => void;
};

/** Block (or unblock) the other person and report the conversation, each after a confirmation. */
export function ConversationActions({ conversation, name, onDone }: Props) {
  const { t } = useTranslation();
  const setBlocked = useSetBlocked();
  const report = useReportConversation();
  const submission = useSubmissionKey();
  const [confirmBlock, setConfirmBlock] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reportErrors = formErrorsOf(report.error, t, ["reason"]);
  const blocked = Boolean(conversation.blocked_by_me);

  const block = (value: boolean) =>
    setBlocked.mutate(
      { conversationId: conversation.id, block: value },
      {
        onSuccess: () => {
          setConfirmBlock(false);
          // A block is said by the notice that replaces the composer; an unblock needs its own word.
          if (!value) onDone(t("messages.unblockedThem", { name }));
        },
      },
    );

  const openReport = () => {
    report.reset();
    setReasonMissing(false);
    setReporting(true);
  };

  const sendReport = () => {
    if (!reason.trim()) {
      setReasonMissing(true);
      reasonRef.current?.focus();
      return;
    }
    const input = { conversationId: conversation.id, reason: reason.trim() };
    report.mutate(
      { ...input, idempotencyKey: submission.keyFor(input) },
      {
        onSuccess: () => {
          submission.succeeded();
          setReporting(false);
          setReason("");
          onDone(t("messages.reported"));
        },
      },
    );
  };

  return (
    <div className="thread-actions" role="group" aria-label={t("messages.actions")}>
      {blocked ? (
        <Button variant="ghost" size="s" loading={setBlocked.isPending} onClick={() => block(false)}>
          {t("messages.unblock")}
        </Button>
      ) : (
        <Button variant="ghost" size="s" onClick={() => setConfirmBlock(true)}>
          {t("messages.block")}
        </Button>
      )}
      <Button variant="ghost" size="s" onClick={openReport}>
        {t("messages.report")}
      </Button>

      <ConfirmDialog
        open={confirmBlock}
        title={t("messages.blockTitle", { name })}
        confirmLabel={t("messages.block")}
        tone="danger"
        busy={setBlocked.isPending}
        onConfirm={() => block(true)}
        onCancel={() => setConfirmBlock(false)}
      >
        <p>{t("messages.blockBody", { name })}</p>
        <FormErrors messages={setBlocked.error ? formErrorsOf(setBlocked.error, t, []).form : []} />
      </ConfirmDialog>

      <ConfirmDialog
        open={reporting}
        title={t("messages.reportTitle")}
        confirmLabel={t("messages.reportSend")}
        busy={report.isPending}
        onConfirm={sendReport}
        onCancel={() => setReporting(false)}
        initialFocus={reasonRef}
      >
        <div className="stack">
          <p>{t("messages.reportBody")}</p>
          <FormErrors messages={reportErrors.form} />
          <TextAreaField
            ref={reasonRef}
            label={t("messages.reportReason")}
            rows={4}
            dir="auto"
            maxLength={REPORT_REASON_MAX}
            required
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonMissing(false);
            }}
            errors={reasonMissing ? [t("messages.reportReasonMissing")] : reportErrors.fields.reason}
          />
        </div>
      </ConfirmDialog>
    </div>
  );
}
