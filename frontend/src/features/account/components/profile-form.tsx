import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateProfile } from "@/features/account/api/update-profile";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { FormErrors, SelectField, TextField } from "@/components/field";
import { PhoneField } from "@/components/phone-field";
import { COUNTRIES, isCountry } from "@/lib/country";
import { formErrorsOf } from "@/lib/form-errors";
import { useFocusFirstError } from "@/lib/use-focus-first-error";
import { setLanguage } from "@/lib/i18n";
import type { Language, User } from "@/api/models";

export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [form, setForm] = useState({
    display_name: user.display_name,
    phone: user.phone ?? "",
    preferred_language: user.preferred_language ?? "en",
    country: user.country,
    shows_call: user.shows_call ?? false,
    shows_whatsapp: user.shows_whatsapp ?? false,
  });
  const errors = formErrorsOf(update.error, t, ["display_name", "phone", "preferred_language", "country"]);
  const formRef = useFocusFirstError<HTMLFormElement>(update.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const phone = form.phone.replace(/\s+/g, "");
    update.mutate(
      {
        display_name: form.display_name.trim(),
        phone: phone || null,
        preferred_language: form.preferred_language,
        country: form.country,
        shows_call: form.shows_call,
        shows_whatsapp: form.shows_whatsapp,
      },
      { onSuccess: (saved) => void setLanguage(saved.preferred_language ?? form.preferred_language) },
    );
  };

  return (
    <form ref={formRef} className="stack narrow" onSubmit={onSubmit} noValidate>
      <div aria-live="polite">{update.isSuccess ? <Alert tone="success">{t("account.profileSaved")}</Alert> : null}</div>
      <FormErrors messages={errors.form} />
      <TextField label={t("auth.email")} value={user.email} dir="ltr" readOnly disabled hint={t("account.emailHint")} />
      <TextField
        label={t("auth.displayName")}
        value={form.display_name}
        onChange={(event) => setForm({ ...form, display_name: event.target.value })}
        errors={errors.fields.display_name}
        required
      />
      <SelectField
        label={t("account.country")}
        hint={t("account.countryHint")}
        value={form.country}
        onChange={(event) => {
          if (isCountry(event.target.value)) setForm({ ...form, country: event.target.value });
        }}
        errors={errors.fields.country}
      >
        {COUNTRIES.map((code) => (
          <option key={code} value={code}>
            {t(`countries.${code}`)}
          </option>
        ))}
      </SelectField>
      <PhoneField
        label={t("auth.phone")}
        country={form.country}
        value={form.phone}
        onChange={(event) => setForm({ ...form, phone: event.target.value })}
        errors={errors.fields.phone}
      />
      <fieldset className="stack">
        <legend>{t("contacts.choiceLegend")}</legend>
        <p className="muted">{t("contacts.choiceHint")}</p>
        <label className="checkbox">
          <input type="checkbox" checked={form.shows_call} onChange={(event) => setForm({ ...form, shows_call: event.target.checked })} />
          <span>{t("contacts.showCall")}</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={form.shows_whatsapp} onChange={(event) => setForm({ ...form, shows_whatsapp: event.target.checked })} />
          <span>{t("contacts.showWhatsApp")}</span>
        </label>
      </fieldset>
      <SelectField
        label={t("account.language")}
        value={form.preferred_language}
        onChange={(event) => setForm({ ...form, preferred_language: event.target.value as Language })}
        errors={errors.fields.preferred_language}
      >
        <option value="en">English</option>
        <option value="ar">العربية</option>
      </SelectField>
      <p className="muted">{t(`account.type.${user.account_type}`)}</p>
      <div>
        <Button type="submit" loading={update.isPending}>
          {t("actions.save")}
        </Button>
      </div>
    </form>
  );
}
