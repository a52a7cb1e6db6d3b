// A car in a list: photo, title, price, and the facts buyers scan for.
import { useTranslation } from "react-i18next";
import { Image, Pressable, StyleSheet, Text, View } from "react-native";
import type { CardListing, Schema } from "@/api/types";
import { currentLanguage } from "@/i18n";
import { formatMoney, formatNumber } from "@/i18n/format";
import { colors, space } from "@/ui/theme";

/** A price in its currency, as the user reads it: "BHD 8,500", "٨٬٥٠٠ د.ب". */
export function usePriceText() {
  const { t } = useTranslation();
  return (price: string, currency: string) => t("listing.price", { value: formatMoney(price, currentLanguage()), currency: t(`currency.${currency}`, { defaultValue: currency }) });
}

type Approx = Schema<"PriceApprox"> | null | undefined;

/**
 * The muted "≈ SAR 62,000" under a price in another currency than the user's (the API's
 * `price_approx`, asked with `display_currency`: catalog/countries.ts useDisplayCurrency); nothing without one.
 */
export function PriceApprox({ approx }: { approx: Approx }) {
  const { t } = useTranslation();
  const price = usePriceText();
  if (!approx) return null;
  const text = price(approx.price, approx.currency);
  return (
    <Text style={styles.approx} accessibilityLabel={t("listing.approxLabel", { price: text })}>
      {t("listing.approx", { price: text })}
    </Text>
  );
}

/** Search hits and summaries carry a thumbnail; full listings (a favourite) their photos. */
type Cardable = CardListing | Schema<"FavoriteListing">;
const thumbnail = (listing: Cardable) => ("thumbnail_url" in listing ? listing.thumbnail_url : (listing.photos[0]?.thumbnail_url ?? null));

export function ListingCard({ listing, onPress }: { listing: Cardable; onPress: () => void }) {
  const photo = thumbnail(listing);
  const { t } = useTranslation();
  const price = usePriceText();
  const language = currentLanguage();
  const facts = [String(listing.year), t("listing.km", { value: formatNumber(listing.mileage_km, language) })].join(" · ");
  const approx = listing.price_approx ? `, ${t("listing.approxLabel", { price: price(listing.price_approx.price, listing.price_approx.currency) })}` : "";
  return (
    <Pressable accessibilityRole="button" accessibilityLabel={`${listing.title}, ${price(listing.price, listing.currency)}${approx}`} onPress={onPress} style={styles.card}>
      {photo ? <Image source={{ uri: photo }} style={styles.photo} accessibilityIgnoresInvertColors /> : <View style={[styles.photo, styles.noPhoto]} />}
      <View style={styles.body}>
        <Text style={styles.title} numberOfLines={2}>
          {listing.title}
        </Text>
        <Text style={styles.price}>{price(listing.price, listing.currency)}</Text>
        <PriceApprox approx={listing.price_approx} />
        <Text style={styles.facts}>{facts}</Text>
      </View>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  card: { flexDirection: "row", backgroundColor: colors.surface, borderRadius: 12, overflow: "hidden", marginBottom: space.md, borderWidth: 1, borderColor: colors.border },
  photo: { width: 120, height: 96, backgroundColor: colors.border },
  noPhoto: { opacity: 0.5 },
  body: { flex: 1, padding: space.md, gap: space.xs },
  title: { fontSize: 16, fontWeight: "600", color: colors.text, textAlign: "left" },
  price: { fontSize: 16, fontWeight: "700", color: colors.brand, textAlign: "left" },
  facts: { color: colors.muted, textAlign: "left" },
  approx: { color: colors.muted, fontSize: 14, textAlign: "left" },
});
