import { useLayoutEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useRequestPasswordReset } from "@/features/auth/api/request-password-reset";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { FormErrors, TextField } from "@/components/field";
import { RateLimitAlert } from "@/components/rate-limit-alert";
import { isApiError } from "@/lib/api-client";
import { formErrorsOf } from "@/lib/form-errors";
import { useFocusFirstError } from "@/lib/use-focus-first-error";

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const location = useLocation();
  // The sign-in page passes what was typed there, so nobody types it twice.
  const [email, setEmail] = useState(() => (location.state as { email?: string } | null)?.email ?? "");
  const request = useRequestPasswordReset();
  const limited = isApiError(request.error) && request.error.kind === "rate_limited" ? request.error : null;
  const errors = formErrorsOf(limited ? null : request.error, t, ["email"]);
  const formRef = useFocusFirstError<HTMLFormElement>(request.error);
  const sentRef = useRef<HTMLDivElement>(null);

  // The form goes away: put focus on what replaced it, before the page is painted.
  useLayoutEffect(() => {
    if (request.isSuccess) sentRef.current?.focus();
  }, [request.isSuccess]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email: email.trim() });
  };

  if (request.isSuccess)
    return (
      <div ref={sentRef} tabIndex={-1} className="stack auth-form">
        <Alert tone="success" title={t("auth.resetSentTitle")}>
          {t("auth.resetSent")}
        </Alert>
        <p className="muted">{t("auth.resetSentHint")}</p>
        <p className="center">
          <Link to="/sign-in">{t("auth.backToSignIn")}</Link>
        </p>
      </div>
    );

  return (
    <form ref={formRef} className="auth-form stack" onSubmit={onSubmit} noValidate>
      {limited ? <RateLimitAlert error={limited} title={t("auth.resetLimitedTitle")} /> : <FormErrors messages={errors.form} />}
      <TextField
        label={t("auth.email")}
        type="email"
        dir="ltr"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        errors={errors.fields.email}
      />
      <Button type="submit" size="l" block loading={request.isPending}>
        {t("auth.sendResetLink")}
      </Button>
      <p className="muted center">
        <Link to="/sign-in">{t("auth.backToSignIn")}</Link>
      </p>
    </form>
  );
}
