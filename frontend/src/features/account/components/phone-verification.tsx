import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useConfirmPhoneCode, useSendPhoneCode } from "@/features/account/api/verify-phone";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { TextField } from "@/components/field";
import { errorMessage } from "@/lib/error-message";
import { formErrorsOf } from "@/lib/form-errors";
import type { User } from "@/api/models";

/** "Verified phone": a code sent by SMS to the saved number, typed back here. */
export function PhoneVerification({ user }: { user: User }) {
  const { t } = useTranslation();
  const send = useSendPhoneCode();
  const confirm = useConfirmPhoneCode();
  const [code, setCode] = useState("");
  if (!user.phone) return null;
  if (user.phone_verified)
    return (
      <p className="row">
        <Badge tone="ok">{t("phoneVerification.verified")}</Badge> <span dir="ltr">{user.phone}</span>
      </p>
    );

  const errors = formErrorsOf(confirm.error, t, ["code"]);
  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.trim());
  };

  return (
    <section className="card card-body stack" aria-labelledby="phone-verification-title">
      <h2 id="phone-verification-title">{t("phoneVerification.title")}</h2>
      <p className="muted">{t("phoneVerification.why")}</p>
      {send.isSuccess ? (
        <form className="stack" onSubmit={onConfirm} noValidate>
          <p>{t("phoneVerification.sent", { phone: user.phone })}</p>
          <TextField label={t("phoneVerification.code")} value={code} inputMode="numeric" autoComplete="one-time-code" maxLength={6} dir="ltr" onChange={(event) => setCode(event.target.value)} errors={errors.fields.code} />
          {errors.form.length ? <Alert tone="danger">{errors.form.join(" ")}</Alert> : null}
          <div className="row">
            <Button type="submit" loading={confirm.isPending}>
              {t("phoneVerification.confirm")}
            </Button>
            <Button variant="ghost" loading={send.isPending} onClick={() => send.mutate()}>
              {t("phoneVerification.resend")}
            </Button>
          </div>
        </form>
      ) : (
        <div>
          <Button variant="secondary" loading={send.isPending} onClick={() => send.mutate()}>
            {t("phoneVerification.send")}
          </Button>
        </div>
      )}
      {send.error ? <Alert tone="danger">{errorMessage(send.error, t)}</Alert> : null}
    </section>
  );
}
