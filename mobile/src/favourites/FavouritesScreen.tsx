// What the user keeps: saved cars, and saved searches with their new matches
// (a tap runs the search again).
import { useNavigation } from "@react-navigation/native";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Pressable, ScrollView, StyleSheet, Text, View } from "react-native";
import { api, ok } from "@/api/client";
import { useAccount } from "@/account/session";
import { useDisplayCurrency } from "@/catalog/countries";
import { ListingCard } from "@/listing/ListingCard";
import { SignInPrompt } from "@/messaging/MessagesScreen";
import { Badge, Button, ErrorNotice } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

export function FavouritesScreen() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { token } = useAccount();
  const queryClient = useQueryClient();
  const display = useDisplayCurrency();
  // Priced also in the user's currency (`price_approx`).
  const cars = useQuery({
    queryKey: ["favourites", "list", display.currency],
    queryFn: () => ok(api.GET("/api/v1/me/favorites", { params: { query: display.currency ? { display_currency: display.currency } : {} } })),
    enabled: !!token && display.settled,
  });
  const searches = useQuery({ queryKey: ["saved-searches"], queryFn: () => ok(api.GET("/api/v1/me/saved-searches")), enabled: !!token });
  const remove = useMutation({
    mutationFn: (id: number) => ok(api.DELETE("/api/v1/me/saved-searches/{saved_search_id}", { params: { path: { saved_search_id: id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["saved-searches"] }),
  });
  if (!token) return <SignInPrompt />;
  return (
    <ScrollView contentContainerStyle={styles.screen}>
      <Text style={styles.heading} accessibilityRole="header">
        {t("favourites.searches")}
      </Text>
      {searches.isError ? <ErrorNotice error={searches.error} onRetry={() => void searches.refetch()} /> : null}
      {searches.data?.results.length === 0 ? <Text style={styles.muted}>{t("favourites.noSearches")}</Text> : null}
      {searches.data?.results.map((saved) => (
        <View key={saved.id} style={styles.row}>
          <Pressable accessibilityRole="button" style={styles.grow} onPress={() => navigation.navigate("Tabs", { screen: "Search", params: { query: saved.query, at: Date.now() } })}>
            <Text style={styles.title}>{saved.name}</Text>
          </Pressable>
          <Badge count={saved.unread_count} label={t("favourites.newMatches", { count: saved.unread_count })} />
          <Button variant="secondary" label={t("favourites.remove")} onPress={() => remove.mutate(saved.id)} />
        </View>
      ))}
      <Text style={styles.heading} accessibilityRole="header">
        {t("favourites.title")}
      </Text>
      {cars.isError ? <ErrorNotice error={cars.error} onRetry={() => void cars.refetch()} /> : null}
      {cars.data?.results.length === 0 ? <Text style={styles.muted}>{t("favourites.empty")}</Text> : null}
      {cars.data?.results.map((listing) => (
        <ListingCard key={listing.id} listing={listing} onPress={() => navigation.navigate("Listing", { id: listing.id })} />
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { padding: space.lg, gap: space.sm },
  heading: { fontSize: 18, fontWeight: "700", color: colors.text, marginTop: space.md, textAlign: "left" },
  row: { flexDirection: "row", alignItems: "center", gap: space.sm, backgroundColor: colors.surface, padding: space.md, borderRadius: 10 },
  grow: { flex: 1 },
  title: { fontWeight: "600", color: colors.text, textAlign: "left" },
  muted: { color: colors.muted, textAlign: "left" },
});
