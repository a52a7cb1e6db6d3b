import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FacetBucket, MultiField } from "@/features/search/types/search";
import { useFacetLabels } from "@/features/search/hooks/use-facet-labels";
import { formatNumber } from "@/lib/format";

const VISIBLE = 8;

type Props = {
  field: MultiField;
  title: string;
  buckets: FacetBucket[];
  selected: string[];
  onToggle: (value: string) => void;
  /** Rendered under a ticked value (models under their make). */
  renderNested?: (bucket: FacetBucket) => ReactNode;
  compact?: boolean;
};

/** Selected values first, then by count; selected ones are always listed, even at 0. */
function orderBuckets(buckets: FacetBucket[], selected: string[]): FacetBucket[] {
  const known = new Set(buckets.map((bucket) => bucket.value));
  const missing = selected.filter((value) => !known.has(value)).map((value) => ({ value, count: 0, selected: true }));
  return [...buckets, ...missing].sort((a, b) => {
    const sa = selected.includes(a.value) ? 1 : 0;
    const sb = selected.includes(b.value) ? 1 : 0;
    return sb - sa || b.count - a.count;
  });
}

export function FacetGroup({ field, title, buckets, selected, onToggle, renderNested, compact }: Props) {
  const { t } = useTranslation();
  const { valueLabel, language } = useFacetLabels();
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const ordered = orderBuckets(buckets, selected);
  if (!ordered.length) return null;
  const visible = expanded ? ordered : ordered.slice(0, Math.max(VISIBLE, selected.length));

  return (
    <fieldset className={`facet ${compact ? "facet-compact" : ""}`}>
      <legend className="facet-title">{title}</legend>
      <ul className="bare-list facet-list" id={listId}>
        {visible.map((bucket) => {
          const checked = selected.includes(bucket.value);
          const label = valueLabel(field, bucket.value, bucket);
          return (
            <li key={bucket.value}>
              <label className={`facet-option ${!checked && bucket.count === 0 ? "facet-option-empty" : ""}`}>
                <input type="checkbox" checked={checked} onChange={() => onToggle(bucket.value)} />
                <span className="facet-label">{label}</span>
                <span className="facet-count num" aria-label={t("search.resultsCount", { count: bucket.count, formatted: formatNumber(bucket.count, language) })}>
                  {formatNumber(bucket.count, language)}
                </span>
              </label>
              {checked && renderNested ? renderNested(bucket) : null}
            </li>
          );
        })}
      </ul>
      {ordered.length > visible.length || expanded ? (
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded(!expanded)}>
          {expanded ? t("search.showLess") : t("search.showAll", { count: ordered.length })}
        </button>
      ) : null}
    </fieldset>
  );
}
