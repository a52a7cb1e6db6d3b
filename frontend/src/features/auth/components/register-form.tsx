import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useRegister } from "@/features/auth/api/register";
import { useNextPath } from "@/features/auth/hooks/use-next-path";
import { Button } from "@/components/button";
import { FormErrors, TextField } from "@/components/field";
import { useLogin } from "@/lib/auth";
import { formErrorsOf } from "@/lib/form-errors";
import { useFocusFirstError } from "@/lib/use-focus-first-error";

export function RegisterForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const next = useNextPath();
  const register = useRegister();
  const login = useLogin();
  const [form, setForm] = useState({ display_name: "", email: "", phone: "", password: "" });
  const errors = formErrorsOf(register.error ?? login.error, t, ["display_name", "email", "phone", "password"]);
  const formRef = useFocusFirstError<HTMLFormElement>(register.error ?? login.error);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const phone = form.phone.replace(/\s+/g, "");
    try {
      await register.mutateAsync({
        display_name: form.display_name.trim(),
        email: form.email.trim(),
        password: form.password,
        ...(phone ? { phone } : {}),
      });
      // Registration answers with the user; signing in sets the session cookie.
      await login.mutateAsync({ email: form.email.trim(), password: form.password });
      navigate(next, { replace: true });
    } catch {
      // shown by the fields
    }
  };

  return (
    <form ref={formRef} className="auth-form stack" onSubmit={onSubmit} noValidate>
      <FormErrors messages={errors.form} />
      <TextField label={t("auth.displayName")} name="display_name" autoComplete="name" required value={form.display_name} onChange={set("display_name")} errors={errors.fields.display_name} />
      <TextField label={t("auth.email")} type="email" dir="ltr" name="email" autoComplete="email" required value={form.email} onChange={set("email")} errors={errors.fields.email} />
      <TextField
        label={t("auth.phone")}
        type="tel"
        name="phone"
        autoComplete="tel"
        placeholder="+97333123456"
        hint={t("auth.phoneHint")}
        value={form.phone}
        onChange={set("phone")}
        errors={errors.fields.phone}
        dir="ltr"
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
      <Button type="submit" size="l" block loading={register.isPending || login.isPending}>
        {t("auth.createAccount")}
      </Button>
      <p className="muted center">
        {t("auth.haveAccount")} <Link to="/sign-in">{t("auth.signIn")}</Link>
      </p>
    </form>
  );
}
