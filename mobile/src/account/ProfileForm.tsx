// The signed-in user's profile (PATCH /api/v1/me): name, mobile number, the
// Call / WhatsApp buttons on their listings, and the one language the app,
// e-mails and notifications speak to them in. The API's messages (in that
// language) show under the field they are about.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import { api, ApiError, ok } from "@/api/client";
import type { Language, User } from "@/api/types";
import { chooseLanguage, currentLanguage } from "@/i18n";
import { Button, Checkbox, Choices, Field, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

/** The fields whose errors show beside them; any other error shows above the button. */
const FIELDS = ["display_name", "phone", "preferred_language"] as const;

export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [form, setForm] = useState({
    display_name: user.display_name,
    phone: user.phone ?? "",
    shows_call: user.shows_call,
    shows_whatsapp: user.shows_whatsapp,
    preferred_language: user.preferred_language,
  });
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH("/api/v1/me", {
          body: { ...form, display_name: form.display_name.trim(), phone: form.phone.replace(/\s+/g, "") || null },
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["me"], saved);
      if (saved.preferred_language !== currentLanguage()) await chooseLanguage(saved.preferred_language);
    },
  });
  const error = save.error instanceof ApiError && save.error.kind === "validation" ? save.error : null;
  const errors = (field: (typeof FIELDS)[number]) => error?.fieldMessages(field) ?? [];
  const fieldless = save.error && !FIELDS.some((field) => errors(field).length) ? errorText(save.error) : null;
  const set = <Name extends keyof typeof form>(name: Name) => (value: (typeof form)[Name]) => {
    save.reset();
    setForm((current) => ({ ...current, [name]: value }));
  };

  return (
    <View style={styles.form}>
      <Text style={styles.heading} accessibilityRole="header">
        {t("profile.title")}
      </Text>
      <Text style={styles.muted}>{t("profile.email", { email: user.email })}</Text>
      <Field label={t("profile.displayName")} value={form.display_name} onChangeText={set("display_name")} errors={errors("display_name")} maxLength={80} />
      <Field label={t("profile.phone")} value={form.phone} onChangeText={set("phone")} keyboardType="phone-pad" autoComplete="tel" placeholder="3312 3456" errors={errors("phone")} />
      <Text style={styles.muted}>{t("profile.phoneHint")}</Text>
      <Text style={styles.label}>{t("profile.contacts")}</Text>
      <Checkbox label={t("profile.showCall")} checked={form.shows_call} onToggle={() => set("shows_call")(!form.shows_call)} />
      <Checkbox label={t("profile.showWhatsApp")} checked={form.shows_whatsapp} onToggle={() => set("shows_whatsapp")(!form.shows_whatsapp)} />
      <Choices
        label={t("profile.language")}
        choices={(["en", "ar"] as const).map((value) => ({ value, label: t(`language.${value}`) }))}
        value={form.preferred_language}
        onChange={(value) => set("preferred_language")(value as Language)}
        errors={errors("preferred_language")}
      />
      {fieldless ? (
        <Text style={styles.error} accessibilityRole="alert">
          {fieldless}
        </Text>
      ) : null}
      {save.isSuccess ? (
        <Text style={styles.notice} accessibilityRole="alert">
          {t("profile.saved")}
        </Text>
      ) : null}
      <Button label={t("profile.save")} onPress={() => save.mutate()} busy={save.isPending} />
    </View>
  );
}

const styles = StyleSheet.create({
  form: { gap: space.sm },
  heading: { fontSize: 18, fontWeight: "700", color: colors.text, textAlign: "left" },
  label: { fontWeight: "600", color: colors.text, textAlign: "left", marginTop: space.sm },
  muted: { color: colors.muted, textAlign: "left" },
  notice: { color: colors.text, fontWeight: "600", textAlign: "left" },
  error: { color: colors.danger, textAlign: "left" },
});
