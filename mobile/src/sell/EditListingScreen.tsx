// A seller edits a listing: the same fields as listing a car, filled with the
// listing's own; only what changed is sent (PATCH), with the seller's answers
// to the API's questions (an unusual price, a likely duplicate) when asked.
// Photos are added, removed and reordered at once (uploaded with progress,
// removed after asking, moved with arrows), apart from saving the fields.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollView, StyleSheet, Text } from "react-native";
import { api, ok } from "@/api/client";
import type { Listing, Photo } from "@/api/types";
import { shownListingKey } from "@/listing/ListingScreen";
import type { RootScreen } from "@/navigation/types";
import { PhotoPicker } from "@/sell/PhotoPicker";
import { uploadPhotos, type PickedPhoto, type UploadProgress } from "@/sell/photos";
import { countryOf } from "@/catalog/countries";
import { answersAfterChange, bodyOf, changedFields, confirmationOf, draftOf, withChange, fieldErrorsOf, ListingFields, questionOf, QuestionBox, toggled, useCatalog, type Confirmed, type Draft, type DraftField } from "@/sell/ListingForm";
import { Button, ErrorNotice, Loading, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

export function EditListingScreen({ route }: RootScreen<"EditListing">) {
  const { id } = route.params;
  const listing = useQuery({ queryKey: ["listing", id], queryFn: () => ok(api.GET("/api/v1/listings/{listing_id}", { params: { path: { listing_id: id } } })) });
  const me = useQuery({ queryKey: ["me"], queryFn: () => ok(api.GET("/api/v1/me")) });
  const { t } = useTranslation();
  if (listing.isError) return <ErrorNotice error={listing.error} onRetry={() => void listing.refetch()} />;
  if (me.isError) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  if (!listing.data || !me.data) return <Loading />;
  if (listing.data.seller.id !== me.data.id) return <Text style={styles.pad}>{t("edit.notYours")}</Text>;
  return <EditForm key={listing.data.id} listing={listing.data} />;
}

function EditForm({ listing }: { listing: Listing }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const catalog = useCatalog();
  const [before, setBefore] = useState<Draft>(() => draftOf(listing));
  const [draft, setDraft] = useState<Draft>(before);
  const [confirmed, setConfirmed] = useState<Confirmed>({});
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (fields: DraftField[]) => ok(api.PATCH("/api/v1/listings/{listing_id}", { params: { path: { listing_id: listing.id } }, body: { ...bodyOf(draft, fields), ...confirmed } })),
    onMutate: () => setNotice(null),
    onSuccess: (saved) => {
      const now = draftOf(saved);
      setBefore(now);
      setDraft(now);
      setConfirmed({});
      setNotice(saved.status === "pending_review" && listing.status !== "pending_review" ? t("sell.heldForReview") : t("edit.saved"));
      queryClient.setQueryData(["listing", saved.id], saved);
      // The buyer's view of it asks its currency's price again (the edit's answer carries none).
      void queryClient.invalidateQueries({ queryKey: shownListingKey(saved.id) });
      void queryClient.invalidateQueries({ queryKey: ["my-listings"] });
      void queryClient.invalidateQueries({ queryKey: ["search"] });
    },
  });
  const question = questionOf(save.error);
  const errors = fieldErrorsOf(save.error);
  const general = save.error && !question && !Object.keys(errors).length ? errorText(save.error) : null;
  const set = (field: DraftField, value: string) => {
    setConfirmed((current) => answersAfterChange(current, field));
    setDraft((current) => withChange(current, field, value));
  };
  const submit = () => {
    const fields = changedFields(draft, before);
    // An answer to the API's question is worth sending even when no field changed (e.g. confirming the price).
    if (!fields.length && !Object.keys(confirmed).length) return setNotice(t("edit.nothingChanged"));
    save.mutate(fields);
  };

  return (
    <ScrollView contentContainerStyle={styles.screen} keyboardShouldPersistTaps="handled">
      <Text style={styles.heading} accessibilityRole="header">
        {listing.title}
      </Text>
      <Text style={styles.status}>{t(`myListings.status.${listing.status}`)}</Text>
      {catalog.error ? <ErrorNotice error={catalog.error} onRetry={catalog.retry} /> : null}
      <EditPhotos listing={listing} />
      <ListingFields draft={draft} onChange={set} errors={errors} catalog={catalog} />
      {question ? <QuestionBox question={question} price={draft.price} currency={countryOf(catalog.enums?.country, draft.country).currency} confirmed={!!confirmed[confirmationOf(question)]} onToggle={() => setConfirmed((current) => toggled(current, question))} /> : null}
      <Outcome error={general} notice={notice} />
      <Button label={t("edit.save")} onPress={submit} busy={save.isPending} />
    </ScrollView>
  );
}

/** The listing's photos, changed at once: new ones uploaded with their progress, one removed after the seller confirms, one moved (the first is the cover). */
function EditPhotos({ listing }: { listing: Listing }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [waiting, setWaiting] = useState<PickedPhoto[]>([]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const setPhotos = (change: (photos: Photo[]) => Photo[]) => queryClient.setQueryData<Listing>(["listing", listing.id], (current) => current && { ...current, photos: change(current.photos) });
  const change = async (work: () => Promise<string>) => {
    setBusy(true);
    setNotice(null);
    setFailure(null);
    try {
      setNotice(await work());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
      setProgress(null);
      setWaiting([]);
      // The status may have changed too (a photo like another seller's takes the listing to review).
      void queryClient.invalidateQueries({ queryKey: ["listing", listing.id] });
      void queryClient.invalidateQueries({ queryKey: ["my-listings"] });
      void queryClient.invalidateQueries({ queryKey: ["search"] });
    }
  };
  const add = (picked: PickedPhoto[]) =>
    change(async () => {
      setWaiting(picked);
      await uploadPhotos(listing.id, picked, setProgress, (photo, saved) => {
        setWaiting((current) => current.filter((other) => other !== photo));
        setPhotos((photos) => [...photos, saved]);
      });
      return t(picked.length === 1 ? "edit.photoAdded" : "edit.photosAdded");
    });
  const remove = (index: number) => {
    const photo = listing.photos[index];
    if (!photo) return;
    // Buyers never see a car without photos (as listing one: "Add at least one photo.").
    if (listing.status !== "draft" && listing.photos.length === 1) return setNotice(t("edit.keepOnePhoto"));
    void change(async () => {
      await ok(api.DELETE("/api/v1/listings/{listing_id}/photos/{photo_id}", { params: { path: { listing_id: listing.id, photo_id: photo.id } } }));
      setPhotos((photos) => photos.filter((other) => other.id !== photo.id));
      return t("edit.photoRemoved");
    });
  };
  const move = (index: number, to: number) => {
    const order = listing.photos.map((photo) => photo.id);
    const [moved] = order.splice(index, 1);
    if (moved === undefined || to < 0 || to > order.length) return;
    order.splice(to, 0, moved);
    void change(async () => {
      const saved = await ok(api.PUT("/api/v1/listings/{listing_id}/photos/order", { params: { path: { listing_id: listing.id } }, body: { photo_ids: order } }));
      setPhotos(() => saved);
      return t("edit.photoMoved");
    });
  };
  const shown = [...listing.photos.map((photo) => ({ key: `photo-${photo.id}`, uri: photo.thumbnail_url || photo.url, movable: true })), ...waiting.map((photo, index) => ({ key: `new-${index}-${photo.uri}`, uri: photo.uri }))];
  return (
    <>
      <Text style={styles.section} accessibilityRole="header">
        {t("edit.photos")}
      </Text>
      {shown.length ? null : <Text style={styles.muted}>{t("listing.noPhotos")}</Text>}
      <PhotoPicker photos={shown} onPicked={(picked) => void add(picked)} onRemove={remove} onMove={move} confirmRemoval progress={progress} busy={busy} />
      <Outcome error={failure ? errorText(failure) : null} notice={notice} />
    </>
  );
}

/** What went wrong (in red) or what was done, read out by screen readers. */
function Outcome({ error, notice }: { error: string | null; notice: string | null }) {
  return (
    <>
      {error ? (
        <Text style={styles.error} accessibilityRole="alert">
          {error}
        </Text>
      ) : null}
      {notice ? (
        <Text style={styles.notice} accessibilityRole="alert">
          {notice}
        </Text>
      ) : null}
    </>
  );
}

const styles = StyleSheet.create({
  section: { fontSize: 16, fontWeight: "700", color: colors.text, marginTop: space.md, textAlign: "left" },
  muted: { color: colors.muted, textAlign: "left" },
  screen: { padding: space.lg, gap: space.sm },
  pad: { padding: space.lg, color: colors.text, textAlign: "left" },
  heading: { fontSize: 20, fontWeight: "700", color: colors.text, textAlign: "left" },
  status: { color: colors.brand, fontWeight: "600", textAlign: "left" },
  notice: { color: colors.text, fontWeight: "600", textAlign: "left" },
  error: { color: colors.danger, textAlign: "left" },
});
