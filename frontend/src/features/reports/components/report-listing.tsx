import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { REPORT_REASONS, useReportListing, type ReportReason } from "@/features/reports/api/report-listing";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/dialog";
import { SelectField, TextAreaField } from "@/components/field";
import { newIdempotencyKey } from "@/lib/api-client";
import { formErrorsOf } from "@/lib/form-errors";

/** "Report this listing": a reason and a note for the moderators. */
export function ReportListing({ listingId }: { listingId: number }) {
  const { t } = useTranslation();
  const report = useReportListing();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>("scam");
  const [note, setNote] = useState("");
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const key = useRef(newIdempotencyKey());
  const errors = formErrorsOf(report.error, t, ["reason", "note"]);

  if (report.isSuccess) return <Alert tone="success">{t("report.thanks")}</Alert>;

  return (
    <>
      <Button variant="ghost" size="s" onClick={() => setOpen(true)}>
        {t("report.open")}
      </Button>
      <ConfirmDialog
        open={open}
        title={t("report.title")}
        confirmLabel={t("report.send")}
        busy={report.isPending}
        initialFocus={noteRef}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          report.mutate({ listingId, reason, note: note.trim(), idempotencyKey: key.current }, { onSuccess: () => setOpen(false) })
        }
      >
        <div className="stack">
          <SelectField label={t("report.reason")} value={reason} onChange={(event) => setReason(event.target.value as ReportReason)} errors={errors.fields.reason}>
            {REPORT_REASONS.map((value) => (
              <option key={value} value={value}>
                {t(`report.reasons.${value}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField label={t("report.note")} ref={noteRef} value={note} maxLength={1000} rows={4} dir="auto" onChange={(event) => setNote(event.target.value)} errors={errors.fields.note} hint={t("report.noteHint")} />
          {errors.form.length ? <Alert tone="danger">{errors.form.join(" ")}</Alert> : null}
        </div>
      </ConfirmDialog>
    </>
  );
}
