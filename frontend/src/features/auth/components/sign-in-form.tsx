import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { useNextPath } from "@/features/auth/hooks/use-next-path";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { FormErrors, TextField } from "@/components/field";
import { RateLimitAlert } from "@/components/rate-limit-alert";
import { isApiError } from "@/lib/api-client";
import { useLogin } from "@/lib/auth";
import { formErrorsOf } from "@/lib/form-errors";
import { useFocusFirstError } from "@/lib/use-focus-first-error";

export function SignInForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const next = useNextPath();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // 429: this browser (or this network) must wait before trying again; say why and for how long.
  const locked = isApiError(login.error) && login.error.kind === "rate_limited" ? login.error : null;
  const errors = formErrorsOf(locked ? null : login.error, t, ["email", "password"]);
  const formRef = useFocusFirstError<HTMLFormElement>(login.error);
  const passwordReset = Boolean((location.state as { passwordReset?: boolean } | null)?.passwordReset);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <form ref={formRef} className="auth-form stack" onSubmit={onSubmit} noValidate>
      {passwordReset && !login.error ? <Alert tone="success">{t("auth.passwordResetDone")}</Alert> : null}
      {locked ? (
        <RateLimitAlert error={locked} title={t("auth.lockedTitle")}>
          <p>
            <Link to="/forgot-password" state={{ email: email.trim() }}>
              {t("auth.resetInstead")}
            </Link>
          </p>
        </RateLimitAlert>
      ) : (
        <FormErrors messages={errors.form} />
      )}
      <TextField label={t("auth.email")} type="email" dir="ltr" name="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} errors={errors.fields.email} />
      <div className="stack-s">
        <TextField
          label={t("auth.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={errors.fields.password}
        />
        <Link to="/forgot-password" state={{ email: email.trim() }} className="auth-forgot">
          {t("auth.forgotPassword")}
        </Link>
      </div>
      <Button type="submit" size="l" block loading={login.isPending}>
        {t("auth.signIn")}
      </Button>
      <p className="muted center">
        {t("auth.noAccount")} <Link to={`/register${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}>{t("auth.createAccount")}</Link>
      </p>
    </form>
  );
}
