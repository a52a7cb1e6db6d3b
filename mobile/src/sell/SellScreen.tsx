// A seller lists a car: its facts, its photos (library or camera, resized on
// the phone), then publish. The listing is created as a draft, its photos
// uploaded with progress, and only then made active, so buyers never see a
// car without its photos.
import { useNavigation } from "@react-navigation/native";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Image, Pressable, ScrollView, StyleSheet, Text, View } from "react-native";
import { api, ok } from "@/api/client";
import type { ListingWrite } from "@/api/types";
import { useAccount } from "@/account/session";
import { SignInPrompt } from "@/messaging/MessagesScreen";
import { answersAfterChange, bodyOf, confirmationOf, DRAFT_FIELDS, EMPTY_DRAFT, fieldErrorsOf, ListingFields, questionOf, QuestionBox, toggled, useCatalog, type Confirmed, type Draft, type DraftField } from "@/sell/ListingForm";
import { pickPhotos, uploadPhoto, type PickedPhoto } from "@/sell/photos";
import { Button, ErrorNotice, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

/** A key per submission: a retry after a lost answer creates nothing twice (Idempotency-Key, API.md v1.1). */
const newKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export function SellScreen() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { token } = useAccount();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const catalog = useCatalog();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirmed, setConfirmed] = useState<Confirmed>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ index: number; count: number; percent: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  // The draft already created and the photos already uploaded, so a second try (after the API's question) repeats neither.
  const created = useRef<{ id: number; uploaded: Set<string> } | null>(null);
  if (!token) return <SignInPrompt />;

  const question = questionOf(failure);
  const errors = fieldErrorsOf(failure);
  const set = (field: DraftField, value: string) => {
    setConfirmed((current) => answersAfterChange(current, field));
    setDraft((current) => ({ ...current, [field]: value, ...(field === "make" ? { model: "" } : {}) }));
  };

  const add = async (source: "library" | "camera") => {
    setNotice(null);
    const picked = await pickPhotos(source);
    if (picked === null) setNotice(t("sell.noPermission"));
    else setPhotos((current) => [...current, ...picked]);
  };

  const publish = async () => {
    setNotice(null);
    setFailure(null);
    if (!photos.length) return setNotice(t("sell.needPhoto"));
    setBusy(true);
    try {
      const given = DRAFT_FIELDS.filter((field) => draft[field].trim() !== "");
      const body = { ...bodyOf(draft, given), ...confirmed };
      if (!created.current) {
        const listing = await ok(api.POST("/api/v1/listings", { body: { ...(body as ListingWrite), status: "draft" }, params: { header: { "Idempotency-Key": key.current } } }));
        created.current = { id: listing.id, uploaded: new Set() };
      }
      const { id, uploaded } = created.current;
      const waiting = photos.filter((photo) => !uploaded.has(photo.uri));
      for (const [index, photo] of waiting.entries()) {
        setProgress({ index: index + 1, count: waiting.length, percent: 0 });
        await uploadPhoto(id, photo, (fraction) => setProgress({ index: index + 1, count: waiting.length, percent: Math.round(fraction * 100) }));
        uploaded.add(photo.uri);
      }
      const live = await ok(api.PATCH("/api/v1/listings/{listing_id}", { params: { path: { listing_id: id } }, body: { ...body, status: "active" } }));
      key.current = newKey();
      created.current = null;
      setDraft(EMPTY_DRAFT);
      setPhotos([]);
      setConfirmed({});
      setNotice(live.status === "pending_review" ? t("sell.heldForReview") : t("sell.published"));
      void queryClient.invalidateQueries({ queryKey: ["search"] });
      void queryClient.invalidateQueries({ queryKey: ["my-listings"] });
    } catch (error) {
      setFailure(error);
      if (!questionOf(error) && !Object.keys(fieldErrorsOf(error)).length) setNotice(errorText(error));
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
      <Button variant="secondary" label={t("myListings.title")} onPress={() => navigation.navigate("MyListings")} />
      {catalog.error ? <ErrorNotice error={catalog.error} onRetry={catalog.retry} /> : null}
      <ListingFields draft={draft} onChange={set} errors={errors} catalog={catalog} />
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
      {progress ? <Text style={styles.muted}>{t("sell.uploading", { index: progress.index, count: progress.count, percent: progress.percent })}</Text> : null}
      {notice ? (
        <Text style={styles.notice} accessibilityRole="alert">
          {notice}
        </Text>
      ) : null}
      {question ? <QuestionBox question={question} price={draft.price} confirmed={!!confirmed[confirmationOf(question)]} onToggle={() => setConfirmed((current) => toggled(current, question))} /> : null}
      <Button label={t("sell.publish")} onPress={() => void publish()} busy={busy} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { padding: space.lg, gap: space.sm },
  heading: { fontSize: 20, fontWeight: "700", color: colors.text, textAlign: "left" },
  photos: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  thumb: { width: 80, height: 80, borderRadius: 8 },
  row: { flexDirection: "row", gap: space.sm },
  muted: { color: colors.muted, textAlign: "left" },
  notice: { color: colors.text, fontWeight: "600", textAlign: "left" },
});
