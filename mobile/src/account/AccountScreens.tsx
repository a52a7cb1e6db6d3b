// Sign in, register, and the account tab (profile, language, sign out).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollView, StyleSheet, Text, View } from "react-native";
import { api, ApiError, ok } from "@/api/client";
import type { Language } from "@/api/types";
import { useAccount } from "@/account/session";
import { chooseLanguage, currentLanguage } from "@/i18n";
import type { RootScreen } from "@/navigation/types";
import { ProfileForm } from "@/account/ProfileForm";
import { SessionEndedNotice } from "@/messaging/MessagesScreen";
import { Button, ErrorNotice, Field, Loading, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";
import { useNavigation } from "@react-navigation/native";

type Errors = Record<string, string[]>;

/** A form's submission: the server's messages under their fields, the rest above the button. */
function useSubmit() {
  const errorText = useErrorText();
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (local: Errors, run: () => Promise<void>) => {
    setGeneral(null);
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await run();
    } catch (error) {
      const fields = error instanceof ApiError && error.kind === "validation" ? Object.fromEntries(["email", "password", "display_name", "phone"].map((field) => [field, error.fieldMessages(field)]).filter(([, messages]) => messages.length)) : {};
      setErrors(fields);
      if (!Object.keys(fields).length) setGeneral(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return { errors, general, busy, submit };
}

export function SignInScreen({ navigation }: RootScreen<"SignIn">) {
  const { t } = useTranslation();
  const { signIn } = useAccount();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const form = useSubmit();
  const onSubmit = () =>
    form.submit({ ...(email.trim() ? {} : { email: [t("account.needEmail")] }), ...(password ? {} : { password: [t("account.needPassword")] }) }, async () => {
      await signIn(email.trim(), password);
      navigation.goBack();
    });
  return (
    <ScrollView contentContainerStyle={styles.form} keyboardShouldPersistTaps="handled">
      <Field label={t("account.email")} value={email} onChangeText={setEmail} autoCapitalize="none" keyboardType="email-address" autoComplete="email" errors={form.errors.email} />
      <Field label={t("account.password")} value={password} onChangeText={setPassword} secureTextEntry autoComplete="password" errors={form.errors.password} />
      {form.general ? <Text style={styles.error} accessibilityRole="alert">{form.general}</Text> : null}
      <Button label={t("account.signIn")} onPress={() => void onSubmit()} busy={form.busy} />
      <Button variant="secondary" label={t("account.noAccount")} onPress={() => navigation.replace("Register")} />
    </ScrollView>
  );
}

export function RegisterScreen({ navigation }: RootScreen<"Register">) {
  const { t } = useTranslation();
  const { register } = useAccount();
  const [fields, setFields] = useState({ display_name: "", email: "", password: "", phone: "" });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useSubmit();
  const set = (name: keyof typeof fields) => (value: string) => setFields({ ...fields, [name]: value });
  const onSubmit = () =>
    form.submit(
      {
        ...(fields.display_name.trim() ? {} : { display_name: [t("account.needName")] }),
        ...(fields.email.trim() ? {} : { email: [t("account.needEmail")] }),
        ...(fields.password ? {} : { password: [t("account.needPassword")] }),
      },
      async () => {
        const registered = await register({ display_name: fields.display_name.trim(), email: fields.email.trim(), password: fields.password, ...(fields.phone.trim() ? { phone: fields.phone.trim() } : {}) });
        setSentTo(registered.email);
      },
    );
  if (sentTo) {
    return (
      <View style={styles.form}>
        <Text style={styles.note}>{t("account.verifyEmail", { email: sentTo })}</Text>
        <Button label={t("search.close")} onPress={() => navigation.goBack()} />
      </View>
    );
  }
  return (
    <ScrollView contentContainerStyle={styles.form} keyboardShouldPersistTaps="handled">
      <Field label={t("account.displayName")} value={fields.display_name} onChangeText={set("display_name")} errors={form.errors.display_name} />
      <Field label={t("account.email")} value={fields.email} onChangeText={set("email")} autoCapitalize="none" keyboardType="email-address" errors={form.errors.email} />
      <Field label={t("account.password")} value={fields.password} onChangeText={set("password")} secureTextEntry errors={form.errors.password} />
      <Field label={t("account.phone")} value={fields.phone} onChangeText={set("phone")} keyboardType="phone-pad" errors={form.errors.phone} />
      {form.general ? <Text style={styles.error} accessibilityRole="alert">{form.general}</Text> : null}
      <Button label={t("account.register")} onPress={() => void onSubmit()} busy={form.busy} />
      <Button variant="secondary" label={t("account.haveAccount")} onPress={() => navigation.replace("SignIn")} />
    </ScrollView>
  );
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const choose = (next: Language) => {
    setLanguage(next);
    void chooseLanguage(next);
  };
  return (
    <View style={styles.section}>
      <Text style={styles.heading}>{t("account.language")}</Text>
      <View style={styles.row}>
        {(["en", "ar"] as const).map((option) => (
          <Button key={option} variant={language === option ? "primary" : "secondary"} label={t(`language.${option}`)} onPress={() => choose(option)} />
        ))}
      </View>
    </View>
  );
}

export function AccountScreen() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { token, signOut } = useAccount();
  const me = useQuery({ queryKey: ["me"], queryFn: () => ok(api.GET("/api/v1/me")), enabled: !!token });
  return (
    <ScrollView contentContainerStyle={styles.form}>
      {token ? (
        <>
          {me.data ? <Text style={styles.heading}>{t("account.welcome", { name: me.data.display_name })}</Text> : null}
          {me.data && !me.data.email_verified ? <Text style={styles.note}>{t("account.verifyEmail", { email: me.data.email })}</Text> : null}
          {me.isPending ? <Loading /> : null}
          {me.isError ? <ErrorNotice error={me.error} onRetry={() => void me.refetch()} /> : null}
          <Button variant="secondary" label={t("myListings.title")} onPress={() => navigation.navigate("MyListings")} />
          {me.data ? <ProfileForm key={me.data.id} user={me.data} /> : null}
          <Button variant="secondary" label={t("account.signOut")} onPress={() => void signOut()} />
        </>
      ) : (
        <>
          <SessionEndedNotice />
          <Button label={t("account.signIn")} onPress={() => navigation.navigate("SignIn")} />
          <Button variant="secondary" label={t("account.register")} onPress={() => navigation.navigate("Register")} />
        </>
      )}
      {/* Signed in, the language is the profile's (it is the e-mails' and notifications' too). */}
      {token ? null : <LanguageSwitch />}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  form: { padding: space.lg, gap: space.md },
  section: { marginTop: space.xl, gap: space.sm },
  row: { flexDirection: "row", gap: space.sm },
  heading: { fontSize: 18, fontWeight: "700", color: colors.text, textAlign: "left" },
  note: { color: colors.muted, textAlign: "left" },
  error: { color: colors.danger, textAlign: "left" },
});
