import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { RangeBucket, RangeFacet as RangeFacetData } from "@/features/search/types/search";
import { wholeDinars } from "@/lib/format";
import { numberText, toLatinDigits } from "@/lib/numbers";

type Props = {
  title: string;
  facet: RangeFacetData<number | string> | undefined;
  /** The bounds in the URL now (strings as they stand there). */
  valueMin: string;
  valueMax: string;
  onCommit: (min: string, max: string) => void;
  /** How a bound reads in the summary line ("BHD 8,500.000", "2019", "45,000 km"). */
  formatBound: (value: number | string) => string;
  unit?: string;
  step?: number;
  /** Why the API refused these bounds, shown beside them (the rest of the page keeps working). */
  errors?: string[];
};

function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  return typeof value === "number" ? value : wholeDinars(value);
}

function Histogram({ buckets }: { buckets: RangeBucket<number | string>[] }) {
  const top = Math.max(1, ...buckets.map((bucket) => bucket.count));
  return (
    <div className="range-histogram" aria-hidden="true">
      {buckets.map((bucket, index) => (
        <span key={index} style={{ blockSize: `${Math.max(4, (bucket.count / top) * 100)}%` }} />
      ))}
    </div>
  );
}

type BoundInputProps = {
  errorId?: string;
  label: string;
  value: string;
  placeholder: number | null;
  step: number;
  onChange: (value: string) => void;
  onBlur: () => void;
};

function BoundInput({ errorId, label, value, placeholder, step, onChange, onBlur }: BoundInputProps) {
  return (
    <label className="range-input">
      <span className="range-input-label">{label}</span>
      {/* Text, not type="number": that drops Arabic-Indic digits (components/number-field.tsx). */}
      <input
        className="input num"
        type="text"
        inputMode={step < 1 ? "decimal" : "numeric"}
        autoComplete="off"
        dir="ltr"
        value={value}
        placeholder={placeholder !== null ? String(placeholder) : ""}
        onChange={(event) => onChange(toLatinDigits(event.target.value))}
        onBlur={onBlur}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      />
    </label>
  );
}

/**
 * From/to boxes and a two-thumb slider whose ends follow the current results'
 * min and max (the facet is computed under the other filters).
 */
export function RangeFacet({ title, facet, valueMin, valueMax, onCommit, formatBound, unit, step = 1, errors }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = errors?.length ? `${id}-errors` : undefined;
  const [min, setMin] = useState(valueMin);
  const [max, setMax] = useState(valueMax);
  // When the URL changes (a chip removed, back button), the boxes follow it;
  // a box whose bound did not change keeps what is being typed in it.
  const [shown, setShown] = useState({ valueMin, valueMax });
  if (shown.valueMin !== valueMin || shown.valueMax !== valueMax) {
    if (shown.valueMin !== valueMin) setMin(valueMin);
    if (shown.valueMax !== valueMax) setMax(valueMax);
    setShown({ valueMin, valueMax });
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const facetMin = toNumber(facet?.min);
  const facetMax = toNumber(facet?.max);
  const lowest = Math.min(...[facetMin, toNumber(valueMin)].filter((n): n is number => n !== null));
  const highest = Math.max(...[facetMax, toNumber(valueMax)].filter((n): n is number => n !== null));
  const hasSlider = Number.isFinite(lowest) && Number.isFinite(highest) && highest > lowest;
  // The slider's ends on whole steps (SAR 84,000–121,000 in steps of 1,000), so every stop is a round price.
  const low = Math.floor(lowest / step) * step;
  const high = Math.ceil(highest / step) * step;

  const commit = (nextMin: string, nextMax: string) => {
    clearTimeout(timer.current);
    let a = numberText(nextMin);
    let b = numberText(nextMax);
    if (a && b && Number(a) > Number(b)) [a, b] = [b, a];
    if (a !== valueMin || b !== valueMax) onCommit(a, b);
  };

  const commitSoon = (nextMin: string, nextMax: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(nextMin, nextMax), 400);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    commit(min, max);
  };

  const sliderMin = toNumber(min) ?? low;
  const sliderMax = toNumber(max) ?? high;

  return (
    <fieldset className="facet facet-range">
      <legend className="facet-title">
        {title}
        {unit ? <span className="muted"> ({unit})</span> : null}
      </legend>
      <form className="range-inputs" onSubmit={onSubmit}>
        <BoundInput errorId={errorId} label={t("search.from")} value={min} placeholder={facetMin} step={step} onChange={setMin} onBlur={() => commit(min, max)} />
        <span aria-hidden="true" className="range-dash">
          –
        </span>
        <BoundInput errorId={errorId} label={t("search.to")} value={max} placeholder={facetMax} step={step} onChange={setMax} onBlur={() => commit(min, max)} />
        <button type="submit" className="visually-hidden" tabIndex={-1}>
          {t("search.apply")}
        </button>
      </form>
      {errors?.length ? (
        <ul className="field-errors" id={errorId}>
          {errors.map((message) => (
            <li key={message} dir="auto">
              {message}
            </li>
          ))}
        </ul>
      ) : null}
      {hasSlider ? (
        <div className="range-slider">
          {facet?.buckets?.length ? <Histogram buckets={facet.buckets} /> : null}
          <div className="range-slider-track">
            <input
              type="range"
              aria-label={`${title}: ${t("search.from")}`}
              min={low}
              max={high}
              step={step}
              value={Math.min(sliderMin, sliderMax)}
              onChange={(event) => {
                const value = Math.min(Number(event.target.value), sliderMax);
                const next = value <= low ? "" : String(value);
                setMin(next);
                commitSoon(next, max);
              }}
            />
            <input
              type="range"
              aria-label={`${title}: ${t("search.to")}`}
              min={low}
              max={high}
              step={step}
              value={Math.max(sliderMax, sliderMin)}
              onChange={(event) => {
                const value = Math.max(Number(event.target.value), sliderMin);
                const next = value >= high ? "" : String(value);
                setMax(next);
                commitSoon(min, next);
              }}
            />
          </div>
          <p className="range-bounds muted" id={`${id}-bounds`}>
            <span className="num">{formatBound(facet?.min ?? low)}</span>
            <span className="num">{formatBound(facet?.max ?? high)}</span>
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}
