import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import {
  DEFAULT_PAGE_SIZE,
  MULTI_FIELDS,
  RANGE_FIELDS,
  SORTS,
  type MultiField,
  type RangeField,
  type Sort,
} from "@/features/search/types/search";
import { pageHref, positiveInt } from "@/lib/paging";

/** Parameters that define the result set; changing one sends you back to page 1. */
const FILTER_KEYS = new Set<string>(["q", "literal", ...MULTI_FIELDS, ...RANGE_FIELDS.flatMap((field) => [field.min, field.max])]);
/** Not filters the buyer chose: the words, and whether they are understood. */
const TEXT_KEYS = new Set<string>(["q", "literal"]);

/** The params without one value of one key, every other entry kept in its place. */
function withoutValue(params: URLSearchParams, key: string, values: string[]): URLSearchParams {
  return new URLSearchParams([...params].filter(([name, value]) => name !== key || !values.includes(value)));
}

function replaceAll(target: URLSearchParams, source: URLSearchParams): void {
  for (const key of [...new Set(target.keys())]) target.delete(key);
  for (const [key, value] of source) target.append(key, value);
}

/**
 * The state of the search page is its URL: the same parameter names as the
 * API (repeatable `make=toyota&make=nissan`), so a result page can be shared
 * and reloaded exactly.
 */
export function useSearchState() {
  const [params, setParams] = useSearchParams();

  const q = params.get("q") ?? "";
  /** The words are matched as typed, not understood as filters (API: literal=1). */
  const literal = params.get("literal") === "1";
  const page = positiveInt(params.get("page"), 1);
  const pageSize = Math.min(positiveInt(params.get("page_size"), DEFAULT_PAGE_SIZE), 100);
  const rawSort = params.get("sort");
  const defaultSort: Sort = q ? "relevance" : "newest";
  const sort: Sort = SORTS.includes(rawSort as Sort) ? (rawSort as Sort) : defaultSort;

  const selected = useMemo(() => {
    const out = {} as Record<MultiField, string[]>;
    for (const field of MULTI_FIELDS) out[field] = params.getAll(field);
    return out;
  }, [params]);

  const activeFilterCount = useMemo(
    () => [...params.keys()].filter((key) => FILTER_KEYS.has(key) && !TEXT_KEYS.has(key)).length,
    [params],
  );

  const update = useCallback(
    (mutate: (next: URLSearchParams) => void) => {
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        mutate(next);
        const filtersChanged = [...FILTER_KEYS].some((key) => next.getAll(key).join("\u0000") !== previous.getAll(key).join("\u0000"));
        if (filtersChanged || next.get("sort") !== previous.get("sort")) next.delete("page");
        return next;
      });
    },
    [setParams],
  );

  const toggleValue = useCallback(
    (field: MultiField, value: string, dependents?: { field: MultiField; values: string[] }) =>
      update((next) => {
        if (!next.getAll(field).includes(value)) {
          next.append(field, value);
          return;
        }
        let kept = withoutValue(next, field, [value]);
        // Unticking a make also unticks its models.
        if (dependents) kept = withoutValue(kept, dependents.field, dependents.values);
        replaceAll(next, kept);
      }),
    [update],
  );

  const setRange = useCallback(
    (field: RangeField, min: string, max: string) =>
      update((next) => {
        if (min) next.set(field.min, min);
        else next.delete(field.min);
        if (max) next.set(field.max, max);
        else next.delete(field.max);
      }),
    [update],
  );

  const removeParam = useCallback(
    (key: string, value?: string) =>
      update((next) => {
        if (value === undefined) next.delete(key);
        else replaceAll(next, withoutValue(next, key, [value]));
      }),
    [update],
  );

  /** New words are understood again (literal is dropped). */
  const setQuery = useCallback(
    (text: string) =>
      update((next) => {
        if (text.trim()) next.set("q", text.trim());
        else next.delete("q");
        next.delete("sort");
        next.delete("literal");
      }),
    [update],
  );

  const setLiteral = useCallback(
    (on: boolean) =>
      update((next) => {
        if (on) next.set("literal", "1");
        else next.delete("literal");
      }),
    [update],
  );

  const setSort = useCallback(
    (value: Sort) =>
      update((next) => {
        if (value === defaultSort) next.delete("sort");
        else next.set("sort", value);
      }),
    [update, defaultSort],
  );

  const clearFilters = useCallback(
    () =>
      update((next) => {
        for (const key of FILTER_KEYS) next.delete(key);
        if (next.get("sort") === "relevance") next.delete("sort");
      }),
    [update],
  );

  /** A link to another page of the same search. */
  const hrefForPage = useCallback((target: number) => pageHref(params, target), [params]);

  return {
    params,
    q,
    literal,
    page,
    pageSize,
    sort,
    selected,
    activeFilterCount,
    toggleValue,
    setRange,
    removeParam,
    setQuery,
    setLiteral,
    setSort,
    clearFilters,
    hrefForPage,
  };
}

export type SearchState = ReturnType<typeof useSearchState>;
