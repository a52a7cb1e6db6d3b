import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useRegister } from "@/features/auth/api/register";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { FormErrors, TextField } from "@/components/field";
import { PhoneField } from "@/components/phone-field";
import { RateLimitAlert } from "@/components/rate-limit-alert";
import { isApiError } from "@/lib/api-client";
import { useResendVerification } from "@/lib/auth";
import { formErrorsOf } from "@/lib/form-errors";
import { useFocusFirstError } from "@/lib/use-focus-first-error";
import { useCountry } from "@/lib/use-country";
import { useLanguage } from "@/lib/use-language";

/** After registering: the same answer whether the address is new or taken (docs/API-notes/accounts.md). */
function CheckEmail({ email }: { email: string }) {
  const { t } = useTranslation();
  const resend = useResendVerification();
  return (
    <div className="stack">
      <Alert tone="success" title={t("auth.checkEmailTitle")}>
        <p dir="auto">{t("auth.checkEmailBody", { email })}</p>
      </Alert>
      <p className="muted">{t("auth.checkEmailHint")}</p>
      {resend.isSuccess ? (
        <p role="status">{t("auth.resent")}</p>
      ) : (
        <Button variant="secondary" loading={resend.isPending} onClick={() => resend.mutate(email)}>
          {t("auth.resendLink")}
        </Button>
      )}
      {isApiError(resend.error) && resend.error.kind === "rate_limited" ? (
        <RateLimitAlert error={resend.error} title={t("auth.resendLink")} />
      ) : null}
      <p className="muted center">
        <Link to="/sign-in">{t("auth.backToSignIn")}</Link>
      </p>
    </div>
  );
}

export function RegisterForm() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  // The account lives in the country being browsed: its phone is read there, its market opens there.
  const { country } = useCountry();
  const register = useRegister();
  const [form, setForm] = useState({ display_name: "", email: "", phone: "", password: "" });
  const errors = formErrorsOf(register.error, t, ["display_name", "email", "phone", "password"]);
  const formRef = useFocusFirstError<HTMLFormElement>(register.error);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const phone = form.phone.replace(/\s+/g, "");
    register.mutate({
      display_name: form.display_name.trim(),
      email: form.email.trim(),
      password: form.password,
      // The confirmation e-mail comes in the language the page is in.
      preferred_language: language,
      country,
      ...(phone ? { phone } : {}),
    });
  };

  if (register.data) return <CheckEmail email={register.data.email} />;

  return (
    <form ref={formRef} className="auth-form stack" onSubmit={onSubmit} noValidate>
      {isApiError(register.error) && register.error.kind === "rate_limited" ? (
        <RateLimitAlert error={register.error} title={t("auth.registerTitle")} />
      ) : (
        <FormErrors messages={errors.form} />
      )}
      <TextField label={t("auth.displayName")} name="display_name" autoComplete="name" required value={form.display_name} onChange={set("display_name")} errors={errors.fields.display_name} />
      <TextField label={t("auth.email")} type="email" dir="ltr" name="email" autoComplete="email" required value={form.email} onChange={set("email")} errors={errors.fields.email} />
      <PhoneField
        label={t("auth.phone")}
        country={country}
        name="phone"
        value={form.phone}
        onChange={set("phone")}
        errors={errors.fields.phone}
      />
      <TextField
        label={t("auth.password")}
        type="password"
        name="password"
        autoComplete="new-password"
        required
        value={form.password}
        onChange={set("password")}
        errors={errors.fields.password}
      />
      <Button type="submit" size="l" block loading={register.isPending}>
        {t("auth.createAccount")}
      </Button>
      <p className="muted center">
        {t("auth.haveAccount")} <Link to="/sign-in">{t("auth.signIn")}</Link>
      </p>
    </form>
  );
}
