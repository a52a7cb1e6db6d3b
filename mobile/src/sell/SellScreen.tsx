// A seller lists a car: its facts, its photos (library or camera, resized on
// the phone), then publish. The listing is created as a draft, its photos
// uploaded with progress, and only then made active, so buyers never see a
// car without its photos.
import { useNavigation } from "@react-navigation/native";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollView, StyleSheet, Text } from "react-native";
import { api, ok } from "@/api/client";
import type { ListingWrite } from "@/api/types";
import { useAccount } from "@/account/session";
import { SignInPrompt } from "@/messaging/MessagesScreen";
import { countryOf, useHomeCountry } from "@/catalog/countries";
import { answersAfterChange, bodyOf, confirmationOf, DRAFT_FIELDS, EMPTY_DRAFT, fieldErrorsOf, ListingFields, questionOf, QuestionBox, toggled, useCatalog, withChange, type Confirmed, type Draft, type DraftField } from "@/sell/ListingForm";
import { PhotoPicker } from "@/sell/PhotoPicker";
import { uploadPhotos, type PickedPhoto, type UploadProgress } from "@/sell/photos";
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
  const [typed, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const home = useHomeCountry(catalog.enums?.country);
  // Until the seller picks another, the car is in their own country.
  const draft = { ...typed, country: typed.country || home };
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [confirmed, setConfirmed] = useState<Confirmed>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  // The draft already created and the photos already uploaded, so a second try (after the API's question) repeats neither.
  const created = useRef<{ id: number; uploaded: Set<string> } | null>(null);
  if (!token) return <SignInPrompt />;

  const question = questionOf(failure);
  const errors = fieldErrorsOf(failure);
  const set = (field: DraftField, value: string) => {
    setConfirmed((current) => answersAfterChange(current, field));
    setDraft((current) => withChange({ ...current, country: current.country || home }, field, value));
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
      await uploadPhotos(
        id,
        photos.filter((photo) => !uploaded.has(photo.uri)),
        setProgress,
        (photo) => uploaded.add(photo.uri),
      );
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
      <PhotoPicker
        photos={photos.map((photo, index) => ({ key: `${photo.uri}-${index}`, uri: photo.uri }))}
        onPicked={(picked) => {
          setNotice(null);
          setPhotos((current) => [...current, ...picked]);
        }}
        onRemove={(index) => setPhotos((current) => current.filter((_, at) => at !== index))}
        progress={progress}
        busy={busy}
      />
      {notice ? (
        <Text style={styles.notice} accessibilityRole="alert">
          {notice}
        </Text>
      ) : null}
      {question ? <QuestionBox question={question} price={draft.price} currency={countryOf(catalog.enums?.country, draft.country).currency} confirmed={!!confirmed[confirmationOf(question)]} onToggle={() => setConfirmed((current) => toggled(current, question))} /> : null}
      <Button label={t("sell.publish")} onPress={() => void publish()} busy={busy} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { padding: space.lg, gap: space.sm },
  heading: { fontSize: 20, fontWeight: "700", color: colors.text, textAlign: "left" },
  notice: { color: colors.text, fontWeight: "600", textAlign: "left" },
});
