// Every facet of the answer in a bottom sheet: each value with its count
// (disjunctive counts, API.md Search), the ranges as from/to fields.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Modal, Pressable, ScrollView, StyleSheet, Text, View } from "react-native";
import { FACET_FIELDS, type Facets } from "@/api/types";
import { currentLanguage } from "@/i18n";
import { formatNumber } from "@/i18n/format";
import { RANGES, toggleFacet, type Search } from "@/search/query";
import { useFilterLabels } from "@/search/labels";
import { Button, Field } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

/** `currency`: the searched country's, which prices are typed in. */
type Props = { visible: boolean; facets: Facets | undefined; search: Search; currency: string; onChange: (next: Search) => void; onClose: () => void; resultCount: number | undefined };

export function FilterSheet({ visible, facets, search, currency, onChange, onClose, resultCount }: Props) {
  const { t } = useTranslation();
  const { valueLabel } = useFilterLabels(facets, currency);
  const language = currentLanguage();
  // Range bounds are typed in full before they apply: no search per keystroke.
  const [ranges, setRanges] = useState(search.ranges);
  const close = () => {
    onChange({ ...search, ranges });
    onClose();
  };

  return (
    <Modal visible={visible} animationType="slide" transparent onRequestClose={close}>
      <Pressable style={styles.scrim} onPress={close} accessibilityLabel={t("search.close")} />
      <View style={styles.sheet} accessibilityViewIsModal>
        <View style={styles.header}>
          <Text style={styles.heading} accessibilityRole="header">
            {t("search.filters")}
          </Text>
          <Button
            variant="secondary"
            label={t("search.clearFilters")}
            onPress={() => {
              setRanges({});
              onChange({ ...search, facets: {}, ranges: {} });
            }}
          />
        </View>
        <ScrollView contentContainerStyle={styles.content}>
          {FACET_FIELDS.filter((field) => facets?.[field]?.length).map((field) => (
            <View key={field} style={styles.group}>
              <Text style={styles.groupTitle} accessibilityRole="header">
                {t(`facets.${field}`)}
              </Text>
              <View style={styles.options}>
                {facets?.[field]?.map((bucket) => {
                  const selected = (search.facets[field] ?? []).includes(bucket.value);
                  const label = `${valueLabel(field, bucket.value)} (${formatNumber(bucket.count, language)})`;
                  return (
                    <Pressable
                      key={bucket.value}
                      accessibilityRole="checkbox"
                      accessibilityState={{ checked: selected }}
                      accessibilityLabel={label}
                      onPress={() => onChange(toggleFacet(search, field, bucket.value))}
                      style={[styles.option, selected && styles.optionSelected]}
                    >
                      <Text style={[styles.optionText, selected && styles.optionTextSelected]}>{label}</Text>
                    </Pressable>
                  );
                })}
              </View>
            </View>
          ))}
          {RANGES.map((range) => (
            <View key={range.key} style={styles.group}>
              <Text style={styles.groupTitle} accessibilityRole="header">
                {range.key === "price" ? t("facets.priceIn", { currency: t(`currency.${currency}`, { defaultValue: currency }) }) : t(`facets.${range.key}`)}
              </Text>
              <View style={styles.rangeRow}>
                {([range.min, range.max] as const).map((param) => (
                  <View key={param} style={styles.rangeField}>
                    <Field
                      label={`${t(`facets.${range.key}`)} ${param === range.min ? t("facets.from") : t("facets.to")}`}
                      keyboardType="numeric"
                      placeholder={String((param === range.min ? facets?.[range.key]?.min : facets?.[range.key]?.max) ?? "")}
                      value={ranges[param] ?? ""}
                      onChangeText={(text) => setRanges({ ...ranges, [param]: text.trim() })}
                    />
                  </View>
                ))}
              </View>
            </View>
          ))}
        </ScrollView>
        <View style={styles.footer}>
          <Button label={resultCount === undefined ? t("search.showResults") : `${t("search.showResults")} (${formatNumber(resultCount, language)})`} onPress={close} />
        </View>
      </View>
    </Modal>
  );
}

const styles = StyleSheet.create({
  scrim: { flex: 1, backgroundColor: "rgba(0,0,0,0.35)" },
  sheet: { maxHeight: "85%", backgroundColor: colors.surface, borderTopLeftRadius: 16, borderTopRightRadius: 16 },
  header: { flexDirection: "row", justifyContent: "space-between", alignItems: "center", padding: space.lg },
  heading: { fontSize: 20, fontWeight: "700", color: colors.text },
  content: { paddingHorizontal: space.lg, paddingBottom: space.lg },
  group: { marginBottom: space.lg },
  groupTitle: { fontSize: 16, fontWeight: "600", marginBottom: space.sm, color: colors.text, textAlign: "left" },
  options: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  option: { borderWidth: 1, borderColor: colors.border, borderRadius: 16, paddingVertical: space.xs + 2, paddingHorizontal: space.md },
  optionSelected: { backgroundColor: colors.brand, borderColor: colors.brand },
  optionText: { color: colors.text },
  optionTextSelected: { color: colors.brandText },
  rangeRow: { flexDirection: "row", gap: space.md },
  rangeField: { flex: 1 },
  footer: { padding: space.lg, borderTopWidth: 1, borderColor: colors.border },
});
