// One car: its photos, price and facts, and the ways to reach the seller:
// call and WhatsApp (the number is revealed by POST …/phone, which the seller
// sees as a lead), or a message in the app.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Linking, ScrollView, StyleSheet, Text, View } from "react-native";
import { api, ok } from "@/api/client";
import { useAccount } from "@/account/session";
import { useDisplayCurrency } from "@/catalog/countries";
import { useFavourite } from "@/favourites/favourites";
import { currentLanguage } from "@/i18n";
import { formatNumber } from "@/i18n/format";
import { Gallery } from "@/listing/Gallery";
import { PriceApprox, usePriceText } from "@/listing/ListingCard";
import type { RootScreen } from "@/navigation/types";
import { Button, ErrorNotice, Field, Loading, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

/**
 * The listing as buyers see it, priced also in the user's currency: under the edit screen's key
 * (["listing", id]), so what invalidates that reaches it, but apart from it (an edit's answer asks no currency).
 */
export const shownListingKey = (id: number) => ["listing", id, "shown"] as const;

export function ListingScreen({ route, navigation }: RootScreen<"Listing">) {
  const { id } = route.params;
  const { t } = useTranslation();
  const price = usePriceText();
  const errorText = useErrorText();
  const { token } = useAccount();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const [body, setBody] = useState("");
  const display = useDisplayCurrency();
  const listing = useQuery({
    queryKey: [...shownListingKey(id), display.currency],
    queryFn: () => ok(api.GET("/api/v1/listings/{listing_id}", { params: { path: { listing_id: id }, query: display.currency ? { display_currency: display.currency } : {} } })),
    // Once the user's currency is known: the view counts once.
    enabled: display.settled,
  });
  const favourite = useFavourite(id);
  const me = useQuery({ queryKey: ["me"], queryFn: () => ok(api.GET("/api/v1/me")), enabled: !!token });

  const contact = useMutation({
    mutationFn: async (channel: "call" | "whatsapp") => {
      const phone = await ok(api.POST("/api/v1/listings/{listing_id}/phone", { params: { path: { listing_id: id } } }));
      const url = channel === "call" ? `tel:${phone.phone}` : phone.whatsapp_url;
      if (url) await Linking.openURL(url);
    },
  });

  const chat = useMutation({
    mutationFn: () => ok(api.POST("/api/v1/conversations", { body: { listing_id: id, body: body.trim() || t("listing.chatPlaceholder") } })),
    onSuccess: (conversation) => {
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
      navigation.navigate("Conversation", { id: conversation.id, title: conversation.listing.title });
    },
  });

  if (listing.isError) return <ErrorNotice error={listing.error} onRetry={() => void listing.refetch()} />;
  const car = listing.data;
  if (!car) return <Loading />;
  const mine = me.data?.id === car.seller.id;
  const contacts = car.seller.contacts;
  const needAccount = () => navigation.navigate("SignIn");

  return (
    <ScrollView style={styles.screen} contentContainerStyle={styles.content}>
      <Gallery photos={car.photos} />
      <View style={styles.body}>
        <Text style={styles.title} accessibilityRole="header">
          {car.title}
        </Text>
        <Text style={styles.price}>{price(car.price, car.currency)}</Text>
        <PriceApprox approx={car.price_approx} />
        <Text style={styles.facts}>
          {[String(car.year), t("listing.km", { value: formatNumber(car.mileage_km, language) }), language === "ar" ? car.model_name_ar : car.model_name_en].join(" · ")}
        </Text>
        {car.days_listed !== null ? <Text style={styles.facts}>{t("listing.daysListed", { count: car.days_listed })}</Text> : null}
        <Text style={styles.facts}>
          {t("listing.seller")}: {car.seller.display_name}
        </Text>
        {token ? (
          <Button
            variant="secondary"
            label={favourite.saved ? t("listing.unfavourite") : t("listing.favourite")}
            busy={favourite.busy}
            onPress={favourite.toggle}
          />
        ) : null}
        <View style={styles.actions}>
          {contacts.includes("call") ? <Button label={t("listing.call")} onPress={() => contact.mutate("call")} busy={contact.isPending && contact.variables === "call"} /> : null}
          {contacts.includes("whatsapp") ? <Button label={t("listing.whatsapp")} onPress={() => contact.mutate("whatsapp")} busy={contact.isPending && contact.variables === "whatsapp"} /> : null}
        </View>
        {contact.isError ? <Text style={styles.error}>{errorText(contact.error)}</Text> : null}
        {car.description ? <Text style={styles.description}>{car.description}</Text> : null}
        {mine ? (
          <View style={styles.chat}>
            <Text style={styles.facts}>{t("listing.yours")}</Text>
            <View style={styles.actions}>
              <Button label={t("myListings.edit")} onPress={() => navigation.navigate("EditListing", { id })} />
              <Button variant="secondary" label={t("myListings.numbers")} onPress={() => navigation.navigate("ListingStats", { id, title: car.title })} />
            </View>
          </View>
        ) : (
          <View style={styles.chat}>
            <Field label={t("listing.chat")} placeholder={t("listing.chatPlaceholder")} value={body} onChangeText={setBody} multiline maxLength={4000} />
            <Button label={t("listing.send")} onPress={() => (token ? chat.mutate() : needAccount())} busy={chat.isPending} />
            {chat.isError ? <Text style={styles.error}>{errorText(chat.error)}</Text> : null}
            {!token ? <Text style={styles.facts}>{t("account.signInFirst")}</Text> : null}
          </View>
        )}
      </View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  content: { paddingBottom: space.xl },
  body: { padding: space.lg, gap: space.sm },
  title: { fontSize: 22, fontWeight: "700", color: colors.text, textAlign: "left" },
  price: { fontSize: 20, fontWeight: "700", color: colors.brand, textAlign: "left" },
  facts: { color: colors.muted, textAlign: "left" },
  actions: { flexDirection: "row", gap: space.md, marginVertical: space.sm },
  description: { color: colors.text, lineHeight: 22, textAlign: "left" },
  chat: { marginTop: space.lg },
  error: { color: colors.danger, textAlign: "left" },
});
