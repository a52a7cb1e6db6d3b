// Buttons, fields and notices every screen uses, accessible by role and label
// (the names tests and screen readers find them by). Layout uses start/end, so
// Arabic mirrors it (I18nManager).
import type { ReactNode } from "react";
import { ActivityIndicator, Pressable, StyleSheet, Text, TextInput, View, type TextInputProps } from "react-native";
import { useTranslation } from "react-i18next";
import { ApiError } from "@/api/client";
import { colors, space } from "@/ui/theme";

type ButtonProps = { label: string; onPress: () => void; variant?: "primary" | "secondary"; disabled?: boolean; busy?: boolean; icon?: ReactNode };

export function Button({ label, onPress, variant = "primary", disabled, busy, icon }: ButtonProps) {
  const primary = variant === "primary";
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      accessibilityState={{ disabled: !!(disabled || busy), busy: !!busy }}
      disabled={disabled || busy}
      onPress={onPress}
      style={({ pressed }) => [styles.button, primary ? styles.primary : styles.secondary, (pressed || disabled) && styles.dim]}
    >
      {busy ? <ActivityIndicator color={primary ? colors.brandText : colors.brand} /> : icon}
      <Text style={[styles.buttonText, { color: primary ? colors.brandText : colors.brand }]}>{label}</Text>
    </Pressable>
  );
}

type FieldProps = TextInputProps & { label: string; errors?: string[] };

export function Field({ label, errors = [], ...input }: FieldProps) {
  return (
    <View style={styles.field}>
      <Text style={styles.label}>{label}</Text>
      <TextInput accessibilityLabel={label} placeholderTextColor={colors.muted} style={[styles.input, errors.length > 0 && styles.inputError]} {...input} />
      {errors.map((error) => (
        <Text key={error} style={styles.error} accessibilityRole="alert">
          {error}
        </Text>
      ))}
    </View>
  );
}

/** What went wrong, in the user's language: the server's own words for bad input, else the kind of failure. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.kind === "validation" || error.kind === "forbidden" || error.kind === "conflict") {
        const messages = error.messages;
        if (messages.length) return messages.join(" ");
      }
      return t(`errors.${error.kind}`);
    }
    return t("errors.server");
  };
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <View style={styles.notice} accessibilityRole="alert">
      <Text style={styles.error}>{text(error)}</Text>
      {onRetry ? <Button variant="secondary" label={t("errors.retry")} onPress={onRetry} /> : null}
    </View>
  );
}

type Choice = { value: string; label: string };

/** One of a few values, each a button (makes, models, a catalog enum, a language). */
export function Choices({ label, choices, value, onChange, errors = [] }: { label: string; choices: Choice[]; value: string; onChange: (value: string) => void; errors?: string[] }) {
  return (
    <View style={styles.group}>
      <Text style={styles.label}>{label}</Text>
      <View style={styles.options}>
        {choices.map((choice) => (
          <Pressable key={choice.value} accessibilityRole="radio" accessibilityLabel={choice.label} accessibilityState={{ selected: choice.value === value }} onPress={() => onChange(choice.value)} style={[styles.option, choice.value === value && styles.optionSelected]}>
            <Text style={choice.value === value ? styles.optionTextSelected : styles.optionText}>{choice.label}</Text>
          </Pressable>
        ))}
      </View>
      {errors.map((error) => (
        <Text key={error} style={styles.error} accessibilityRole="alert">
          {error}
        </Text>
      ))}
    </View>
  );
}

/** A yes or no the user ticks (a setting, or an answer to the API's question). */
export function Checkbox({ label, checked, onToggle }: { label: string; checked: boolean; onToggle: () => void }) {
  return (
    <Pressable accessibilityRole="checkbox" accessibilityLabel={label} accessibilityState={{ checked }} onPress={onToggle} style={styles.checkbox}>
      <View style={[styles.box, checked && styles.boxChecked]}>{checked ? <Text style={styles.tick}>✓</Text> : null}</View>
      <Text style={styles.checkboxText}>{label}</Text>
    </Pressable>
  );
}

/** A screen's data on its way. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <View style={styles.notice}>
      <ActivityIndicator color={colors.brand} accessibilityLabel={t("errors.loading")} />
    </View>
  );
}

export function Badge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <View style={styles.badge} accessibilityLabel={label}>
      <Text style={styles.badgeText}>{count > 99 ? "99+" : count}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  button: { flexDirection: "row", alignItems: "center", justifyContent: "center", gap: space.sm, paddingVertical: space.md, paddingHorizontal: space.lg, borderRadius: 10, minHeight: 44 },
  primary: { backgroundColor: colors.brand },
  secondary: { backgroundColor: colors.surface, borderWidth: 1, borderColor: colors.brand },
  dim: { opacity: 0.6 },
  buttonText: { fontSize: 16, fontWeight: "600" },
  field: { gap: space.xs, marginBottom: space.md },
  label: { color: colors.text, fontWeight: "600", textAlign: "left" },
  input: { borderWidth: 1, borderColor: colors.border, borderRadius: 8, padding: space.md, fontSize: 16, color: colors.text, backgroundColor: colors.surface, textAlign: "left" },
  inputError: { borderColor: colors.danger },
  error: { color: colors.danger, textAlign: "left" },
  notice: { padding: space.lg, gap: space.md },
  group: { marginBottom: space.md, gap: space.xs },
  options: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  option: { borderWidth: 1, borderColor: colors.border, borderRadius: 16, paddingVertical: space.xs + 2, paddingHorizontal: space.md },
  optionSelected: { backgroundColor: colors.brand, borderColor: colors.brand },
  optionText: { color: colors.text },
  optionTextSelected: { color: colors.brandText },
  checkbox: { flexDirection: "row", alignItems: "center", gap: space.sm, minHeight: 44 },
  box: { width: 22, height: 22, borderRadius: 4, borderWidth: 2, borderColor: colors.brand, alignItems: "center", justifyContent: "center" },
  boxChecked: { backgroundColor: colors.brand },
  tick: { color: colors.brandText, fontWeight: "700" },
  checkboxText: { flex: 1, color: colors.text, fontWeight: "600", textAlign: "left" },
  badge: { minWidth: 20, height: 20, borderRadius: 10, backgroundColor: colors.badge, alignItems: "center", justifyContent: "center", paddingHorizontal: 5 },
  badgeText: { color: "#fff", fontSize: 12, fontWeight: "700" },
});
