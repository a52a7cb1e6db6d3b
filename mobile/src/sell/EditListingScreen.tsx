// A seller edits a listing: the same fields as listing a car, filled with the
// listing's own; only what changed is sent (PATCH), with the seller's answers
// to the API's questions (an unusual price, a likely duplicate) when asked.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollView, StyleSheet, Text } from "react-native";
import { api, ok } from "@/api/client";
import type { Listing } from "@/api/types";
import type { RootScreen } from "@/navigation/types";
import { answersAfterChange, bodyOf, changedFields, confirmationOf, draftOf, fieldErrorsOf, ListingFields, questionOf, QuestionBox, toggled, useCatalog, type Confirmed, type Draft, type DraftField } from "@/sell/ListingForm";
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
      void queryClient.invalidateQueries({ queryKey: ["my-listings"] });
      void queryClient.invalidateQueries({ queryKey: ["search"] });
    },
  });
  const question = questionOf(save.error);
  const errors = fieldErrorsOf(save.error);
  const general = save.error && !question && !Object.keys(errors).length ? errorText(save.error) : null;
  const set = (field: DraftField, value: string) => {
    setConfirmed((current) => answersAfterChange(current, field));
    setDraft((current) => ({ ...current, [field]: value, ...(field === "make" ? { model: "" } : {}) }));
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
      <ListingFields draft={draft} onChange={set} errors={errors} catalog={catalog} />
      {question ? <QuestionBox question={question} price={draft.price} confirmed={!!confirmed[confirmationOf(question)]} onToggle={() => setConfirmed((current) => toggled(current, question))} /> : null}
      {general ? (
        <Text style={styles.error} accessibilityRole="alert">
          {general}
        </Text>
      ) : null}
      {notice ? (
        <Text style={styles.notice} accessibilityRole="alert">
          {notice}
        </Text>
      ) : null}
      <Button label={t("edit.save")} onPress={submit} busy={save.isPending} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { padding: space.lg, gap: space.sm },
  pad: { padding: space.lg, color: colors.text, textAlign: "left" },
  heading: { fontSize: 20, fontWeight: "700", color: colors.text, textAlign: "left" },
  status: { color: colors.brand, fontWeight: "600", textAlign: "left" },
  notice: { color: colors.text, fontWeight: "600", textAlign: "left" },
  error: { color: colors.danger, textAlign: "left" },
});
