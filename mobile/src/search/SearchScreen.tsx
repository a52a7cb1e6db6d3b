// The buyer's search: free text whose understood words come back as chips,
// every facet in a bottom sheet, the results as cards, and never a dead end
// (the API's `relax` and `nearest` when nothing matches). One country at a
// time (search/country.ts), its prices in its currency.
import { useNavigation, useRoute, type RouteProp } from "@react-navigation/native";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FlatList, Pressable, StyleSheet, Text, TextInput, View } from "react-native";
import { api, ok } from "@/api/client";
import type { CardListing } from "@/api/types";
import { useAccount } from "@/account/session";
import { countryName, DEFAULT_COUNTRY, useDisplayCurrency } from "@/catalog/countries";
import { currentLanguage } from "@/i18n";
import { formatNumber } from "@/i18n/format";
import { ListingCard } from "@/listing/ListingCard";
import type { TabParams } from "@/navigation/types";
import { useSearchCountry } from "@/search/country";
import { FilterSheet } from "@/search/FilterSheet";
import { useFilterLabels } from "@/search/labels";
import { EMPTY_SEARCH, filterCount, fromQueryString, toQueryString, understoodSpans, useSearchListings, withoutWords, type Search } from "@/search/query";
import { Button, Choices, ErrorNotice, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

export function SearchScreen() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const route = useRoute<RouteProp<TabParams, "Search">>();
  const { token } = useAccount();
  const [search, setSearch] = useState<Search>(EMPTY_SEARCH);
  const [text, setText] = useState("");
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [countriesOpen, setCountriesOpen] = useState(false);
  const place = useSearchCountry();
  const { choose } = place;
  const searched: Search = { ...search, country: place.code };
  const display = useDisplayCurrency();
  // The cards priced also in the user's currency when it is not the searched country's (as the web app asks).
  const approxIn = display.currency !== place.country.currency ? display.currency : null;
  const results = useSearchListings(searched, place.ready && display.settled, approxIn);
  const { spanLabel } = useFilterLabels(results.data?.facets, place.country.currency);
  const errorText = useErrorText();
  const language = currentLanguage();

  // A saved search opened from its list runs here.
  const saved = route.params;
  useEffect(() => {
    if (!saved) return;
    const next = fromQueryString(saved.query);
    setSearch(next);
    setText(next.q);
    // One saved before the country switch has none: it was Bahrain's, as the API reads it.
    void choose(next.country ?? DEFAULT_COUNTRY);
  }, [saved, choose]);

  const runText = (q: string) => {
    setText(q);
    setSearch((current) => ({ ...current, q }));
  };

  const save = useMutation({ mutationFn: () => ok(api.POST("/api/v1/me/saved-searches", { body: { query: toQueryString(searched), alert: true } })) });

  const chooseCountry = (code: string) => {
    setCountriesOpen(false);
    if (code === place.code) return;
    void choose(code);
    // A region and a price belong to their country: they go; the words and the other filters stay.
    setSearch((current) => ({ ...current, facets: { ...current.facets, governorate: [] }, ranges: { ...current.ranges, price_min: "", price_max: "" } }));
    save.reset();
  };

  const open = (listing: CardListing) => navigation.navigate("Listing", { id: listing.id });
  const data = results.data;
  const spans = understoodSpans(data?.understood ?? []);
  const filters = filterCount(search);

  const header = (
    <View style={styles.header}>
      <View style={styles.searchRow}>
        <TextInput
          accessibilityLabel={t("search.placeholder")}
          placeholder={t("search.placeholder")}
          placeholderTextColor={colors.muted}
          value={text}
          onChangeText={setText}
          onSubmitEditing={() => runText(text)}
          returnKeyType="search"
          style={styles.input}
        />
        <Button label={t("search.submit")} onPress={() => runText(text)} />
      </View>
      {spans.length > 0 ? (
        <View style={styles.chips} accessibilityLabel={t("search.understood")}>
          {spans.map((span) => {
            const label = spanLabel(span);
            return (
              <Pressable key={span.text} accessibilityRole="button" accessibilityLabel={t("search.removeChip", { label })} onPress={() => runText(withoutWords(search.q, span.text))} style={styles.chip}>
                <Text style={styles.chipText}>{label} ✕</Text>
              </Pressable>
            );
          })}
        </View>
      ) : null}
      {place.countries.length > 1 ? (
        <View>
          <Pressable accessibilityRole="button" accessibilityLabel={t("search.countryNow", { name: countryName(place.country) })} accessibilityHint={t("search.chooseCountry")} accessibilityState={{ expanded: countriesOpen }} onPress={() => setCountriesOpen((open) => !open)} style={styles.country}>
            <Text style={styles.countryText}>{t("search.countryNow", { name: countryName(place.country) })} ▾</Text>
          </Pressable>
          {countriesOpen ? <Choices label={t("search.country")} choices={place.countries.map((item) => ({ value: item.value, label: countryName(item) }))} value={place.code} onChange={chooseCountry} /> : null}
        </View>
      ) : null}
      <View style={styles.toolbar}>
        <Button variant="secondary" label={filters ? t("search.filtersCount", { count: filters }) : t("search.filters")} onPress={() => setFiltersOpen(true)} />
        {data ? <Text style={styles.count}>{t("search.count", { count: data.count, formatted: formatNumber(data.count, language) })}</Text> : null}
      </View>
      {token && (filters > 0 || search.q) ? (
        <View>
          {save.isSuccess ? <Text style={styles.note}>{t("search.saved")}</Text> : <Button variant="secondary" label={t("search.save")} busy={save.isPending} onPress={() => save.mutate()} />}
          {save.isError ? <Text style={styles.error}>{errorText(save.error)}</Text> : null}
        </View>
      ) : null}
    </View>
  );

  const empty =
    data && data.count === 0 ? (
      <View style={styles.empty}>
        <Text style={styles.emptyTitle} accessibilityRole="header">
          {t("search.emptyTitle")}
        </Text>
        {data.relax ? (
          <>
            <Text style={styles.note}>{t("search.relaxBody", { count: data.relax.count, words: data.relax.text, formatted: formatNumber(data.relax.count, language) })}</Text>
            <Button label={t("search.relaxAction", { words: data.relax.text })} onPress={() => runText(relaxedText(search.q, data.relax!, spans.map((span) => span.text)))} />
          </>
        ) : (
          <Text style={styles.note}>{t("search.emptyBody")}</Text>
        )}
        {data.nearest.length > 0 ? (
          <View style={styles.nearest}>
            <Text style={styles.emptyTitle} accessibilityRole="header">
              {t("search.nearest")}
            </Text>
            {data.nearest.map((listing) => (
              <ListingCard key={listing.id} listing={listing} onPress={() => open(listing)} />
            ))}
          </View>
        ) : null}
      </View>
    ) : results.isError ? (
      <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
    ) : null;

  return (
    <View style={styles.screen}>
      <FlatList
        data={data?.results ?? []}
        keyExtractor={(item) => String(item.id)}
        renderItem={({ item }) => <ListingCard listing={item} onPress={() => open(item)} />}
        ListHeaderComponent={header}
        ListEmptyComponent={empty}
        contentContainerStyle={styles.list}
        keyboardShouldPersistTaps="handled"
      />
      {filtersOpen ? <FilterSheet visible facets={data?.facets} search={search} currency={place.country.currency} onChange={setSearch} onClose={() => setFiltersOpen(false)} resultCount={data?.count} /> : null}
    </View>
  );
}

/** The text to search when the buyer takes the API's advice to drop some words. */
function relaxedText(q: string, relax: { text: string; filters: string[] }, understoodWords: string[]): string {
  // Dropping the unmatched words keeps only what was understood.
  if (relax.filters.length === 1 && relax.filters[0] === "q") return understoodWords.join(" ");
  return withoutWords(q, relax.text);
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  list: { padding: space.lg },
  header: { gap: space.md, marginBottom: space.md },
  searchRow: { flexDirection: "row", gap: space.sm },
  input: { flex: 1, borderWidth: 1, borderColor: colors.border, borderRadius: 10, paddingHorizontal: space.md, fontSize: 16, backgroundColor: colors.surface, color: colors.text, textAlign: "left" },
  chips: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  chip: { backgroundColor: colors.chip, borderRadius: 16, paddingVertical: space.xs + 2, paddingHorizontal: space.md },
  chipText: { color: colors.brand, fontWeight: "600" },
  country: { alignSelf: "flex-start", paddingVertical: space.xs },
  countryText: { color: colors.brand, fontWeight: "600" },
  toolbar: { flexDirection: "row", alignItems: "center", justifyContent: "space-between" },
  count: { color: colors.muted },
  empty: { gap: space.md, paddingVertical: space.xl },
  emptyTitle: { fontSize: 18, fontWeight: "700", color: colors.text, textAlign: "left" },
  nearest: { marginTop: space.lg, gap: space.sm },
  note: { color: colors.muted, textAlign: "left" },
  error: { color: colors.danger },
});
