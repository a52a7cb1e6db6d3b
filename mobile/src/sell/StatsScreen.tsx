// A listing's numbers for its seller: the last 30 days' views, saves and
// leads (messages, calls, WhatsApp), in total and for each day that had any.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ScrollView, StyleSheet, Text, View } from "react-native";
import { api, ok } from "@/api/client";
import type { Schema } from "@/api/types";
import { currentLanguage } from "@/i18n";
import { formatDate, formatNumber } from "@/i18n/format";
import type { RootScreen } from "@/navigation/types";
import { ErrorNotice, Loading } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

const COLUMNS = ["views", "saves", "messages", "calls", "whatsapp"] as const satisfies readonly (keyof Schema<"ListingDay">)[];

export function StatsScreen({ route }: RootScreen<"ListingStats">) {
  const { id, title } = route.params;
  const { t } = useTranslation();
  const language = currentLanguage();
  const stats = useQuery({ queryKey: ["listing-stats", id], queryFn: () => ok(api.GET("/api/v1/me/listings/{listing_id}/stats", { params: { path: { listing_id: id }, query: { days: 30 } } })) });
  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorNotice error={stats.error} onRetry={() => void stats.refetch()} />;
  const number = (value: number) => formatNumber(value, language);
  const totals = Object.fromEntries(COLUMNS.map((column) => [column, stats.data.days.reduce((sum, day) => sum + day[column], 0)])) as Record<(typeof COLUMNS)[number], number>;
  const busy = stats.data.days.filter((day) => COLUMNS.some((column) => day[column] > 0)).reverse();
  return (
    <ScrollView contentContainerStyle={styles.screen}>
      <Text style={styles.heading} accessibilityRole="header">
        {title}
      </Text>
      <View style={styles.totals}>
        {COLUMNS.map((column) => (
          <View key={column} style={styles.total} accessible accessibilityLabel={`${t(`stats.${column}`)}: ${number(totals[column])}`}>
            <Text style={styles.figure}>{number(totals[column])}</Text>
            <Text style={styles.muted}>{t(`stats.${column}`)}</Text>
          </View>
        ))}
      </View>
      <Text style={styles.subheading} accessibilityRole="header">
        {t("stats.byDay")}
      </Text>
      {busy.length ? (
        busy.map((day) => {
          const figures = COLUMNS.map((column) => `${t(`stats.${column}`)} ${number(day[column])}`).join(" · ");
          return (
            <View key={day.day} style={styles.day}>
              <Text style={styles.date}>{formatDate(day.day, language)}</Text>
              <Text style={styles.muted}>{figures}</Text>
            </View>
          );
        })
      ) : (
        <Text style={styles.muted}>{t("stats.none")}</Text>
      )}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  screen: { padding: space.lg, gap: space.sm },
  heading: { fontSize: 20, fontWeight: "700", color: colors.text, textAlign: "left" },
  subheading: { fontSize: 16, fontWeight: "700", color: colors.text, marginTop: space.md, textAlign: "left" },
  totals: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  total: { minWidth: 96, flexGrow: 1, backgroundColor: colors.surface, borderRadius: 10, borderWidth: 1, borderColor: colors.border, padding: space.md, gap: space.xs },
  figure: { fontSize: 22, fontWeight: "700", color: colors.text, textAlign: "left" },
  muted: { color: colors.muted, textAlign: "left" },
  day: { paddingVertical: space.xs, gap: space.xs },
  date: { fontWeight: "600", color: colors.text, textAlign: "left" },
});
