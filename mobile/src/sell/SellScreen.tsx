// A seller lists a car: its facts, its photos (library or camera, resized on
// the phone), then publish. The listing is created as a draft, its photos
// uploaded with progress, and only then made active, so buyers never see a
// car without its photos.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Image, Pressable, ScrollView, StyleSheet, Text, View } from "react-native";
import { api, ApiError, ok } from "@/api/client";
import type { ListingWrite, Schema } from "@/api/types";
import { useAccount } from "@/account/session";
import { currentLanguage } from "@/i18n";
import { SignInPrompt } from "@/messaging/MessagesScreen";
import { pickPhotos, uploadPhoto, type PickedPhoto } from "@/sell/photos";
import { Button, Field, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

type Choice = { value: string; label: string };
const CHOSEN_ENUMS = ["fuel", "transmission", "regional_spec", "governorate"] as const;
type ChosenEnum = (typeof CHOSEN_ENUMS)[number];
type Draft = { make: string; model: string; year: string; price: string; mileage_km: string } & Record<ChosenEnum, string>;
const EMPTY: Draft = { make: "", model: "", year: "", price: "", mileage_km: "", fuel: "", transmission: "", regional_spec: "", governorate: "" };

function Choices({ label, choices, value, onChange, errors = [] }: { label: string; choices: Choice[]; value: string; onChange: (value: string) => void; errors?: string[] }) {
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
        <Text key={error} style={styles.error}>
          {error}
        </Text>
      ))}
    </View>
  );
}

/** A key per submission: a retry after a lost answer creates nothing twice (Idempotency-Key, API.md v1.1). */
const newKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export function SellScreen() {
  const { t } = useTranslation();
  const { token } = useAccount();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ index: number; percent: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  const makes = useQuery({ queryKey: ["catalog", "makes"], queryFn: () => ok(api.GET("/api/v1/catalog/makes")), staleTime: Infinity, enabled: !!token });
  const enums = useQuery({ queryKey: ["catalog", "enums"], queryFn: () => ok(api.GET("/api/v1/catalog/enums")), staleTime: Infinity, enabled: !!token });
  if (!token) return <SignInPrompt />;

  const name = (item: { name_en: string; name_ar: string }) => (language === "ar" ? item.name_ar : item.name_en);
  const enumChoices = (field: ChosenEnum): Choice[] => (enums.data?.[field] ?? []).map((item: Schema<"EnumValue">) => ({ value: item.value, label: language === "ar" ? item.label_ar : item.label_en }));
  const make = makes.data?.find((item) => item.slug === draft.make);
  const set = (field: keyof Draft) => (value: string) => setDraft((current) => ({ ...current, [field]: value, ...(field === "make" ? { model: "" } : {}) }));

  const add = async (source: "library" | "camera") => {
    setNotice(null);
    const picked = await pickPhotos(source);
    if (picked === null) setNotice(t("sell.noPermission"));
    else setPhotos((current) => [...current, ...picked]);
  };

  const publish = async () => {
    setNotice(null);
    setErrors({});
    if (!photos.length) return setNotice(t("sell.needPhoto"));
    setBusy(true);
    try {
      const body: ListingWrite = {
        make: draft.make,
        model: draft.model,
        year: Number(draft.year),
        price: draft.price,
        mileage_km: Number(draft.mileage_km),
        fuel: draft.fuel as ListingWrite["fuel"],
        transmission: draft.transmission as ListingWrite["transmission"],
        regional_spec: draft.regional_spec as ListingWrite["regional_spec"],
        governorate: draft.governorate as ListingWrite["governorate"],
        status: "draft",
      };
      const created = await ok(api.POST("/api/v1/listings", { body, params: { header: { "Idempotency-Key": key.current } } }));
      for (const [index, photo] of photos.entries()) {
        setProgress({ index: index + 1, percent: 0 });
        await uploadPhoto(created.id, photo, (fraction) => setProgress({ index: index + 1, percent: Math.round(fraction * 100) }));
      }
      await ok(api.PATCH("/api/v1/listings/{listing_id}", { params: { path: { listing_id: created.id } }, body: { status: "active" } }));
      key.current = newKey();
      setDraft(EMPTY);
      setPhotos([]);
      setNotice(t("sell.published"));
      void queryClient.invalidateQueries({ queryKey: ["search"] });
    } catch (error) {
      if (error instanceof ApiError && error.kind === "validation") {
        const fields = Object.fromEntries(Object.keys(EMPTY).map((field) => [field, error.fieldMessages(field)]).filter(([, messages]) => messages.length));
        setErrors(fields);
        if (!Object.keys(fields).length) setNotice(errorText(error));
      } else setNotice(errorText(error));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <ScrollView contentContainerStyle={styles.screen} keyboardShouldPersistTaps="handled">
      <Text style={styles.heading} accessibilityRole="header">
        {t("sell.title")}
      </Text>
      <Choices label={t("sell.make")} choices={(makes.data ?? []).map((item) => ({ value: item.slug, label: name(item) }))} value={draft.make} onChange={set("make")} errors={errors.make} />
      {make ? <Choices label={t("sell.model")} choices={make.models.map((item) => ({ value: item.slug, label: name(item) }))} value={draft.model} onChange={set("model")} errors={errors.model} /> : null}
      <Field label={t("sell.year")} keyboardType="number-pad" value={draft.year} onChangeText={set("year")} errors={errors.year} />
      <Field label={t("sell.price")} keyboardType="decimal-pad" value={draft.price} onChangeText={set("price")} errors={errors.price} />
      <Field label={t("sell.mileage")} keyboardType="number-pad" value={draft.mileage_km} onChangeText={set("mileage_km")} errors={errors.mileage_km} />
      {CHOSEN_ENUMS.map((field) => (
        <Choices key={field} label={t(`facets.${field}`)} choices={enumChoices(field)} value={draft[field]} onChange={set(field)} errors={errors[field]} />
      ))}
      <View style={styles.photos}>
        {photos.map((photo, index) => (
          <Pressable key={`${photo.uri}-${index}`} accessibilityRole="button" accessibilityLabel={t("sell.removePhoto", { index: index + 1 })} onPress={() => setPhotos((current) => current.filter((_, at) => at !== index))}>
            <Image source={{ uri: photo.uri }} style={styles.thumb} />
          </Pressable>
        ))}
      </View>
      <View style={styles.row}>
        <Button variant="secondary" label={t("sell.addFromLibrary")} onPress={() => void add("library")} disabled={busy} />
        <Button variant="secondary" label={t("sell.takePhoto")} onPress={() => void add("camera")} disabled={busy} />
      </View>
      {progress ? <Text style={styles.muted}>{t("sell.uploading", { index: progress.index, count: photos.length, percent: progress.percent })}</Text> : null}
      {notice ? (
        <Text style={styles.notice} accessibilityRole="alert">
          {notice}
        </Text>
      ) : null}
      <Button label={t("sell.publish")} onPress={() => void publish()} busy={busy} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { padding: space.lg, gap: space.sm },
  heading: { fontSize: 20, fontWeight: "700", color: colors.text, textAlign: "left" },
  group: { marginBottom: space.md, gap: space.xs },
  label: { fontWeight: "600", color: colors.text, textAlign: "left" },
  options: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  option: { borderWidth: 1, borderColor: colors.border, borderRadius: 16, paddingVertical: space.xs + 2, paddingHorizontal: space.md },
  optionSelected: { backgroundColor: colors.brand, borderColor: colors.brand },
  optionText: { color: colors.text },
  optionTextSelected: { color: colors.brandText },
  photos: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  thumb: { width: 80, height: 80, borderRadius: 8 },
  row: { flexDirection: "row", gap: space.sm },
  muted: { color: colors.muted, textAlign: "left" },
  notice: { color: colors.text, fontWeight: "600", textAlign: "left" },
  error: { color: colors.danger, textAlign: "left" },
});
