import { useTranslation } from "react-i18next";
import type { SearchState } from "@/features/search/hooks/use-search-state";
import { useFacetLabels } from "@/features/search/hooks/use-facet-labels";
import { understoodSpans, useUnderstoodLabel, withoutWords } from "@/features/search/hooks/use-understood";
import { MULTI_FIELDS, RANGE_FIELDS, type Facets, type RangeField, type Understood } from "@/features/search/types/search";
import { CloseIcon } from "@/components/icons";
import { formatNumber, formatPrice } from "@/lib/format";
import { useCountry } from "@/lib/use-country";

type Chip = { key: string; label: string; remove: () => void; typed?: string };

type Props = {
  state: SearchState;
  facets?: Facets;
  /** What the words were understood as, and the words left (the search answer's `understood` and `q`). */
  understood?: Understood[];
  leftover?: string;
  /** The query as the server corrected it: the understood words are its words. */
  corrected?: string | null;
};

/**
 * One chip per selected filter; its × removes just that filter. Words of the
 * search box that were understood get a chip each too ("under 5000" → Price:
 * up to BHD 5,000.000): removing it takes those words out of the box's text.
 */
export function FilterChips({ state, facets, understood, leftover, corrected }: Props) {
  const { t } = useTranslation();
  const { valueLabel, language } = useFacetLabels();
  const { country, currency } = useCountry();
  const understoodLabel = useUnderstoodLabel();
  const spans = state.q && !state.literal ? understoodSpans(understood) : [];

  const boundText = (field: RangeField, value: string) => {
    if (field.key === "price") return formatPrice(value, language, currency);
    if (field.key === "mileage_km") return t("units.km", { value: formatNumber(Number(value), language) });
    return value;
  };

  const chips: Chip[] = [];
  for (const span of spans) {
    chips.push({
      key: `understood:${span.text}`,
      label: understoodLabel(span),
      typed: span.text,
      remove: () => state.setQuery(withoutWords(corrected || state.q, span.text)),
    });
  }
  const words = spans.length ? (leftover ?? "") : state.q;
  if (words) {
    // The words left: removing them keeps what was understood.
    const keep = spans.map((span) => span.text).join(" ");
    chips.push({ key: "q", label: `“${words}”`, remove: () => (spans.length ? state.setQuery(keep) : state.removeParam("q")) });
  }
  for (const field of MULTI_FIELDS) {
    for (const value of state.selected[field]) {
      const bucket = facets?.[field]?.find((item) => item.value === value);
      chips.push({
        key: `${field}=${value}`,
        label: `${t(`facets.${field}`, { context: country })}: ${valueLabel(field, value, bucket)}`,
        remove: () => state.removeParam(field, value),
      });
    }
  }
  for (const field of RANGE_FIELDS) {
    const min = state.params.get(field.min) ?? "";
    const max = state.params.get(field.max) ?? "";
    if (!min && !max) continue;
    const name = t(`facets.${field.key}`);
    const range =
      min && max
        ? t("search.between", { min: boundText(field, min), max: boundText(field, max) })
        : min
          ? t("search.atLeast", { value: boundText(field, min) })
          : t("search.atMost", { value: boundText(field, max) });
    chips.push({ key: field.key, label: `${name}: ${range}`, remove: () => state.setRange(field, "", "") });
  }

  if (!chips.length) return null;
  return (
    <div className="chips" aria-label={t("search.activeFilters")} role="region">
      <ul className="bare-list chip-list">
        {chips.map((chip) => (
          <li key={chip.key} className={chip.typed ? "chip chip-understood" : "chip"} title={chip.typed ? t("search.understoodFrom", { words: chip.typed }) : undefined}>
            <span>{chip.label}</span>
            <button type="button" className="chip-remove" onClick={chip.remove} aria-label={t("search.removeFilter", { filter: chip.label })}>
              <CloseIcon size={14} />
            </button>
          </li>
        ))}
      </ul>
      {chips.length > 1 ? (
        <button type="button" className="link-button" onClick={state.clearFilters}>
          {t("search.clearAll")}
        </button>
      ) : null}
    </div>
  );
}
