import { useTranslation } from "react-i18next";
import { useAlertEmails, useUpdateAlertEmails, type AlertEmails } from "@/features/account/api/alert-emails";
import { Alert } from "@/components/alert";
import { FormErrors, SelectField } from "@/components/field";
import { QueryError } from "@/components/query-error";
import { Spinner } from "@/components/spinner";
import { formErrorsOf } from "@/lib/form-errors";

/** Each change is saved at once: there is nothing to fill in before it makes sense. */
export function AlertEmailsForm() {
  const { t } = useTranslation();
  const { data, isPending, isError, error, refetch } = useAlertEmails();
  const update = useUpdateAlertEmails();
  if (isPending) return <Spinner label={t("common.loading")} />;
  if (isError) return <QueryError error={error} onRetry={() => refetch()} />;
  const errors = formErrorsOf(update.error, t, ["frequency", "saved_searches", "price_drops", "messages"]);
  const save = (changes: Partial<AlertEmails>) => update.mutate(changes);
  return (
    <fieldset className="stack narrow" aria-busy={update.isPending}>
      <legend>{t("alertEmails.legend")}</legend>
      <div aria-live="polite">{update.isSuccess ? <Alert tone="success">{t("alertEmails.saved")}</Alert> : null}</div>
      <FormErrors messages={[...errors.form, ...(errors.fields.saved_searches ?? []), ...(errors.fields.price_drops ?? []), ...(errors.fields.messages ?? [])]} />
      <label className="checkbox">
        <input type="checkbox" checked={data.saved_searches} onChange={(event) => save({ saved_searches: event.target.checked })} />
        <span>{t("alertEmails.savedSearches")}</span>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={data.price_drops} onChange={(event) => save({ price_drops: event.target.checked })} />
        <span>{t("alertEmails.priceDrops")}</span>
      </label>
      {/* Unread messages are always e-mailed as they happen: the frequency below is for the alerts above. */}
      <label className="checkbox">
        <input type="checkbox" checked={data.messages} onChange={(event) => save({ messages: event.target.checked })} />
        <span>{t("alertEmails.messages")}</span>
      </label>
      <SelectField
        label={t("alertEmails.frequency")}
        value={data.frequency}
        onChange={(event) => save({ frequency: event.target.value as AlertEmails["frequency"] })}
        errors={errors.fields.frequency}
        disabled={!data.saved_searches && !data.price_drops}
      >
        <option value="instant">{t("alertEmails.instant")}</option>
        <option value="daily">{t("alertEmails.daily")}</option>
      </SelectField>
    </fieldset>
  );
}
