import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useFacetLabels } from "@/features/search/hooks/use-facet-labels";
import { MULTI_FIELDS, RANGE_FIELDS, type MultiField, type Understood } from "@/features/search/types/search";
import { formatNumber, formatPrice } from "@/lib/format";
import { useCountry } from "@/lib/use-country";

/** The understood words in the order typed, each with everything it was read as (one chip each). */
type UnderstoodSpan = { text: string; items: Understood[] };

export function understoodSpans(understood: Understood[] | undefined): UnderstoodSpan[] {
  const spans: UnderstoodSpan[] = [];
  for (const item of understood ?? []) {
    const span = spans.find((existing) => existing.text === item.text);
    if (span) span.items.push(item);
    else spans.push({ text: item.text, items: [item] });
  }
  return spans;
}

/** The query without some words the buyer typed: what removing their chip searches. */
export function withoutWords(q: string, words: string): string {
  const at = q.indexOf(words);
  const rest = at < 0 ? q : q.slice(0, at) + " " + q.slice(at + words.length);
  return rest.replace(/\s+/g, " ").trim();
}

const isMulti = (field: string): field is MultiField => (MULTI_FIELDS as readonly string[]).includes(field);

/** What a span of understood words means, in words: "Toyota Camry", "Price: up to BHD 5,000.000". */
export function useUnderstoodLabel() {
  const { t } = useTranslation();
  const { valueLabel, modelLabel, makeLabel, language } = useFacetLabels();
  const { country, currency } = useCountry();

  return useCallback(
    (span: UnderstoodSpan) => {
      const value = (field: string) => span.items.filter((item) => item.field === field).map((item) => item.value);
      const parts: string[] = [];
      const makes = value("make");
      const models = value("model");
      if (models.length && makes.length === 1) {
        // A model that brought its make ("camry"): the car's name.
        parts.push(models.map((model) => `${makeLabel(makes[0])} ${modelLabel(model, makes[0])}`).join(", "));
      } else if (models.length) {
        parts.push(`${t("facets.model")}: ${models.map((model) => modelLabel(model)).join(", ")}`);
      } else if (makes.length) {
        parts.push(`${t("facets.make")}: ${makes.map((make) => makeLabel(make)).join(", ")}`);
      }
      for (const field of MULTI_FIELDS) {
        if (field === "make" || field === "model" || !isMulti(field)) continue;
        const values = value(field);
        if (values.length) parts.push(`${t(`facets.${field}`, { context: country })}: ${values.map((item) => valueLabel(field, item)).join(", ")}`);
      }
      for (const range of RANGE_FIELDS) {
        const [min] = value(range.min);
        const [max] = value(range.max);
        if (!min && !max) continue;
        const shown = (bound: string) =>
          range.key === "price" ? formatPrice(bound, language, currency) : range.key === "mileage_km" ? t("units.km", { value: formatNumber(Number(bound), language) }) : bound;
        const text =
          min && max
            ? min === max
              ? shown(min)
              : t("search.between", { min: shown(min), max: shown(max) })
            : min
              ? t("search.atLeast", { value: shown(min) })
              : t("search.atMost", { value: shown(max) });
        parts.push(`${t(`facets.${range.key}`)}: ${text}`);
      }
      return parts.join(" · ");
    },
    [t, valueLabel, modelLabel, makeLabel, language, country, currency],
  );
}
