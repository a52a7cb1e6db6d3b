import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useChangePassword } from "@/features/account/api/change-password";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { FormErrors, TextField } from "@/components/field";
import { formErrorsOf } from "@/lib/form-errors";
import { useFocusFirstError } from "@/lib/use-focus-first-error";

export function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const errors = formErrorsOf(change.error, t, ["current_password", "new_password"]);
  const formRef = useFocusFirstError<HTMLFormElement>(change.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent("");
          setNext("");
        },
      },
    );
  };

  return (
    <form ref={formRef} className="stack narrow" onSubmit={onSubmit} noValidate>
      <div aria-live="polite">{change.isSuccess ? <Alert tone="success">{t("account.passwordChanged")}</Alert> : null}</div>
      <FormErrors messages={errors.form} />
      <TextField
        label={t("account.currentPassword")}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
        errors={errors.fields.current_password}
        required
      />
      <TextField
        label={t("account.newPassword")}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(event) => setNext(event.target.value)}
        errors={errors.fields.new_password}
        required
      />
      <div>
        <Button type="submit" loading={change.isPending}>
          {t("account.changePassword")}
        </Button>
      </div>
    </form>
  );
}
