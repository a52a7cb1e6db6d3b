// Names for filter values, in the user's language: the facet's own labels
// (the API sends both languages), else the value as the API spells it.
import { useTranslation } from "react-i18next";
import type { FacetField, Facets } from "@/api/types";
import { currentLanguage } from "@/i18n";
import { formatNumber } from "@/i18n/format";
import { usePriceText } from "@/listing/ListingCard";
import { FACET_FIELDS } from "@/api/types";
import { RANGES, type UnderstoodSpan } from "@/search/query";

const isFacet = (field: string): field is FacetField => (FACET_FIELDS as readonly string[]).includes(field);

/** `currency`: the searched country's, which its price bounds are in. */
export function useFilterLabels(facets: Facets | undefined, currency: string) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const price = usePriceText();

  const valueLabel = (field: FacetField, value: string) => {
    const bucket = facets?.[field]?.find((item) => item.value === value);
    return (language === "ar" ? bucket?.label_ar : bucket?.label_en) ?? bucket?.label_en ?? value;
  };

  const boundLabel = (key: (typeof RANGES)[number]["key"], value: string) =>
    key === "price" ? price(value, currency) : key === "mileage_km" ? t("listing.km", { value: formatNumber(Number(value), language) }) : value;

  /** What a chip of understood words set: "Make: Toyota", "Price: to BHD 5,000". */
  const spanLabel = (span: UnderstoodSpan) =>
    span.items
      .map((item) => {
        if (isFacet(item.field)) return `${t(`facets.${item.field}`)}: ${valueLabel(item.field, item.value)}`;
        const range = RANGES.find((candidate) => candidate.min === item.field || candidate.max === item.field);
        if (!range) return item.text;
        const side = range.min === item.field ? t("facets.from") : t("facets.to");
        return `${t(`facets.${range.key}`)}: ${side} ${boundLabel(range.key, item.value)}`;
      })
      .join(" · ");

  return { valueLabel, spanLabel };
}
