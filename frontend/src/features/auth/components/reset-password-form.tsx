import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useConfirmPasswordReset } from "@/features/auth/api/confirm-password-reset";
import { Alert } from "@/components/alert";
import { Button, ButtonLink } from "@/components/button";
import { FormErrors, TextField } from "@/components/field";
import { formErrorsOf } from "@/lib/form-errors";
import { useFocusFirstError } from "@/lib/use-focus-first-error";

/** The page the reset e-mail links to: /reset-password?uid=…&token=… */
export function ResetPasswordForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const uid = params.get("uid") ?? "";
  const token = params.get("token") ?? "";
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  // `token` (and `uid`) belong to the link, not to a box the person can fix.
  const errors = formErrorsOf(confirm.error, t, ["new_password", "token", "uid"]);
  const linkErrors = [...(errors.fields.token ?? []), ...(errors.fields.uid ?? [])];
  const formRef = useFocusFirstError<HTMLFormElement>(mismatch || confirm.error);

  if (!uid || !token)
    return (
      <div className="stack auth-form">
        <Alert tone="warning" title={t("auth.resetLinkIncomplete")}>
          {t("auth.resetLinkIncompleteBody")}
        </Alert>
        <ButtonLink to="/forgot-password" block>
          {t("auth.askNewLink")}
        </ButtonLink>
      </div>
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    confirm.mutate(
      { uid, token, new_password: password },
      { onSuccess: () => navigate("/sign-in", { replace: true, state: { passwordReset: true } }) },
    );
  };

  return (
    <form ref={formRef} className="auth-form stack" onSubmit={onSubmit} noValidate>
      {linkErrors.length ? (
        <Alert tone="danger" title={t("auth.resetLinkInvalid")} action={<ButtonLink to="/forgot-password" size="s" variant="secondary">{t("auth.askNewLink")}</ButtonLink>}>
          <span dir="auto">{linkErrors.join(" ")}</span>
        </Alert>
      ) : null}
      <FormErrors messages={errors.form} />
      <TextField
        label={t("account.newPassword")}
        type="password"
        name="new_password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={errors.fields.new_password}
      />
      <TextField
        label={t("auth.repeatPassword")}
        type="password"
        name="repeat_password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(event) => {
          setRepeat(event.target.value);
          setMismatch(false);
        }}
        errors={mismatch ? [t("auth.passwordsDiffer")] : undefined}
      />
      <Button type="submit" size="l" block loading={confirm.isPending}>
        {t("auth.setNewPassword")}
      </Button>
      <p className="muted center">
        <Link to="/sign-in">{t("auth.backToSignIn")}</Link>
      </p>
    </form>
  );
}
