// A seller's own listings, in any status, with what can be done to each:
// edit, see its numbers, publish a draft, mark sold, renew, delete. Marking
// sold and deleting ask first; publishing may meet the API's question (an
// unusual price, a likely duplicate), answered here before publishing again.
import { useNavigation } from "@react-navigation/native";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FlatList, Image, StyleSheet, Text, View } from "react-native";
import { api, ok } from "@/api/client";
import type { Listing } from "@/api/types";
import { useAccount } from "@/account/session";
import { currentLanguage } from "@/i18n";
import { formatDate, formatNumber } from "@/i18n/format";
import { usePriceText } from "@/listing/ListingCard";
import { SignInPrompt } from "@/messaging/MessagesScreen";
import { confirmationOf, questionOf, QuestionBox, toggled, type Confirmed } from "@/sell/ListingForm";
import { Button, ErrorNotice, Loading, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

const PAGE_SIZE = 20;
type Action = "publish" | "sold" | "renew" | "delete";
/** What each action says when done. */
const DONE: Record<Action, string> = { publish: "myListings.published", sold: "myListings.markedSold", renew: "myListings.renewed", delete: "myListings.deleted" };

function run(action: Action, id: number, confirmed: Confirmed): Promise<unknown> {
  const path = { params: { path: { listing_id: id } } };
  if (action === "renew") return ok(api.POST("/api/v1/listings/{listing_id}/renew", path));
  if (action === "delete") return ok(api.DELETE("/api/v1/listings/{listing_id}", path));
  return ok(api.PATCH("/api/v1/listings/{listing_id}", { ...path, body: { status: action === "sold" ? "sold" : "active", ...confirmed } }));
}

export function useMyListings() {
  const { token } = useAccount();
  return useInfiniteQuery({
    queryKey: ["my-listings"],
    queryFn: ({ pageParam }) => ok(api.GET("/api/v1/me/listings", { params: { query: { page: pageParam, page_size: PAGE_SIZE } } })),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.page_size < last.count ? last.page + 1 : undefined),
    enabled: !!token,
  });
}

export function MyListingsScreen() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { token } = useAccount();
  const listings = useMyListings();
  const [notice, setNotice] = useState<string | null>(null);
  if (!token) return <SignInPrompt />;
  if (listings.isPending) return <Loading />;
  if (listings.isError) return <ErrorNotice error={listings.error} onRetry={() => void listings.refetch()} />;
  const all = listings.data.pages.flatMap((page) => page.results);
  return (
    <FlatList
      data={all}
      keyExtractor={(item) => String(item.id)}
      contentContainerStyle={styles.list}
      ListEmptyComponent={
        <View style={styles.empty}>
          <Text style={styles.muted}>{t("myListings.empty")}</Text>
          <Button label={t("myListings.emptyAction")} onPress={() => navigation.navigate("Tabs", { screen: "Sell" })} />
        </View>
      }
      ListHeaderComponent={
        notice ? (
          <Text style={styles.notice} accessibilityRole="alert">
            {notice}
          </Text>
        ) : null
      }
      renderItem={({ item }) => <MyListing listing={item} onDone={setNotice} />}
      ListFooterComponent={listings.hasNextPage ? <Button variant="secondary" label={t("myListings.more")} onPress={() => void listings.fetchNextPage()} busy={listings.isFetchingNextPage} /> : null}
    />
  );
}

function MyListing({ listing, onDone }: { listing: Listing; onDone: (notice: string | null) => void }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const price = usePriceText();
  const language = currentLanguage();
  const [asking, setAsking] = useState<"sold" | "delete" | null>(null);
  const [confirmed, setConfirmed] = useState<Confirmed>({});
  const action = useMutation({
    mutationFn: (next: Action) => run(next, listing.id, confirmed),
    onMutate: () => onDone(null),
    onSuccess: (_, done) => {
      setAsking(null);
      setConfirmed({});
      onDone(t(DONE[done]));
      void queryClient.invalidateQueries({ queryKey: ["my-listings"] });
      void queryClient.invalidateQueries({ queryKey: ["listing", listing.id] });
      void queryClient.invalidateQueries({ queryKey: ["search"] });
    },
  });
  const question = questionOf(action.error);
  const photo = listing.photos[0]?.thumbnail_url;
  const live = listing.status === "active" || listing.status === "expired";
  return (
    <View style={styles.card} testID={`my-listing-${listing.id}`}>
      <View style={styles.top}>
        {photo ? <Image source={{ uri: photo }} style={styles.photo} /> : <View style={styles.photo} />}
        <View style={styles.body}>
          <Text style={styles.title}>{listing.title}</Text>
          <Text style={styles.status}>{t(`myListings.status.${listing.status}`)}</Text>
          <Text style={styles.price}>{price(listing.price, listing.currency)}</Text>
          <Text style={styles.muted}>
            {t("listing.km", { value: formatNumber(listing.mileage_km, language) })} · {t("myListings.updated", { date: formatDate(listing.updated_at, language) })}
          </Text>
        </View>
      </View>
      {action.error && !question ? (
        <Text style={styles.error} accessibilityRole="alert">
          {errorText(action.error)}
        </Text>
      ) : null}
      {question ? <QuestionBox question={question} price={listing.price} currency={listing.currency} confirmed={!!confirmed[confirmationOf(question)]} onToggle={() => setConfirmed((current) => toggled(current, question))} /> : null}
      {asking ? (
        <View style={styles.ask}>
          <Text style={styles.title}>{t(asking === "sold" ? "myListings.confirmSold" : "myListings.confirmDelete", { title: listing.title })}</Text>
          <View style={styles.actions}>
            <Button label={t(asking === "sold" ? "myListings.markSold" : "myListings.delete")} onPress={() => action.mutate(asking)} busy={action.isPending} />
            <Button variant="secondary" label={t("myListings.cancel")} onPress={() => setAsking(null)} />
          </View>
        </View>
      ) : (
        <View style={styles.actions}>
          <Button variant="secondary" label={t("myListings.edit")} onPress={() => navigation.navigate("EditListing", { id: listing.id })} />
          <Button variant="secondary" label={t("myListings.numbers")} onPress={() => navigation.navigate("ListingStats", { id: listing.id, title: listing.title })} />
          {listing.status === "draft" ? <Button label={t("myListings.publish")} onPress={() => action.mutate("publish")} busy={action.isPending && action.variables === "publish"} /> : null}
          {live ? <Button variant="secondary" label={t("myListings.markSold")} onPress={() => setAsking("sold")} /> : null}
          {live ? <Button variant="secondary" label={t("myListings.renew")} onPress={() => action.mutate("renew")} busy={action.isPending && action.variables === "renew"} /> : null}
          <Button variant="secondary" label={t("myListings.delete")} onPress={() => setAsking("delete")} />
        </View>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  list: { padding: space.lg, gap: space.md },
  empty: { gap: space.md },
  card: { backgroundColor: colors.surface, borderRadius: 12, borderWidth: 1, borderColor: colors.border, padding: space.md, gap: space.sm },
  top: { flexDirection: "row", gap: space.md },
  photo: { width: 96, height: 72, borderRadius: 8, backgroundColor: colors.border },
  body: { flex: 1, gap: space.xs },
  title: { fontWeight: "600", color: colors.text, textAlign: "left" },
  status: { color: colors.brand, fontWeight: "600", textAlign: "left" },
  price: { fontWeight: "700", color: colors.text, textAlign: "left" },
  muted: { color: colors.muted, textAlign: "left" },
  notice: { color: colors.text, fontWeight: "600", textAlign: "left" },
  error: { color: colors.danger, textAlign: "left" },
  ask: { gap: space.sm },
  actions: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
});
