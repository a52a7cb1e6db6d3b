// A search as the buyer built it: the free text and the filters picked in the
// sheet, turned into GET /api/v1/search/listings parameters (repeatable
// fields as repeated keys, API.md Search) and back from a saved search.
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "@/api/client";
import { FACET_FIELDS, type Currency, type FacetField, type paths, type SearchAnswer, type Understood } from "@/api/types";

/** The countries search takes (the schema's enum; the catalog's list is the same, market_codes). */
type SearchedCountry = NonNullable<NonNullable<paths["/api/v1/search/listings"]["get"]["parameters"]["query"]>["country"]>;

export const RANGES = [
  { key: "year", min: "year_min", max: "year_max" },
  { key: "price", min: "price_min", max: "price_max" },
  { key: "mileage_km", min: "mileage_min", max: "mileage_max" },
] as const;
type RangeParam = (typeof RANGES)[number]["min" | "max"];

/** `country`: the one country searched (search/country.ts); a saved search keeps it. */
export type Search = { q: string; country?: string; facets: Partial<Record<FacetField, string[]>>; ranges: Partial<Record<RangeParam, string>> };
export const EMPTY_SEARCH: Search = { q: "", facets: {}, ranges: {} };

export function filterCount(search: Search): number {
  return Object.values(search.facets).reduce((sum, values) => sum + (values?.length ?? 0), 0) + Object.values(search.ranges).filter(Boolean).length;
}

/** The search's query string: what a saved search stores and the API reads. */
export function toQueryString(search: Search): string {
  const params = new URLSearchParams();
  if (search.q.trim()) params.append("q", search.q.trim());
  if (search.country) params.append("country", search.country);
  for (const field of FACET_FIELDS) for (const value of search.facets[field] ?? []) params.append(field, value);
  for (const [param, value] of Object.entries(search.ranges)) if (value) params.append(param, value);
  return params.toString();
}

export function fromQueryString(query: string): Search {
  const params = new URLSearchParams(query);
  const search: Search = { q: params.get("q") ?? "", facets: {}, ranges: {} };
  const country = params.get("country");
  if (country) search.country = country;
  for (const field of FACET_FIELDS) {
    const values = params.getAll(field);
    if (values.length) search.facets[field] = values;
  }
  for (const range of RANGES)
    for (const param of [range.min, range.max]) {
      const value = params.get(param);
      if (value) search.ranges[param] = value;
    }
  return search;
}

export function toggleFacet(search: Search, field: FacetField, value: string): Search {
  const current = search.facets[field] ?? [];
  const next = current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
  return { ...search, facets: { ...search.facets, [field]: next } };
}

/** The understood words in the order typed, each with all it was read as: one chip each. */
export type UnderstoodSpan = { text: string; items: Understood[] };

export function understoodSpans(understood: Understood[]): UnderstoodSpan[] {
  const spans: UnderstoodSpan[] = [];
  for (const item of understood) {
    const span = spans.find((existing) => existing.text === item.text);
    if (span) span.items.push(item);
    else spans.push({ text: item.text, items: [item] });
  }
  return spans;
}

/** The free text without some words the buyer typed: what removing their chip searches. */
export function withoutWords(q: string, words: string): string {
  const at = q.indexOf(words);
  const rest = at < 0 ? q : `${q.slice(0, at)} ${q.slice(at + words.length)}`;
  return rest.replace(/\s+/g, " ").trim();
}

/** GET /search/listings parameters: repeatable fields as arrays, sent as repeated keys. */
function toParams(search: Search) {
  const facets = Object.fromEntries(Object.entries(search.facets).filter(([, values]) => values?.length));
  const ranges = Object.fromEntries(Object.entries(search.ranges).filter(([, value]) => value));
  const country = search.country ? { country: search.country as SearchedCountry } : {};
  return { ...(search.q.trim() ? { q: search.q.trim() } : {}), ...country, ...facets, ...ranges };
}

/**
 * The search's answer; `enabled` false until its country is known. `displayCurrency`: the cards'
 * prices also in it (`price_approx`), when it is the user's and not the searched country's.
 */
export function useSearchListings(search: Search, enabled = true, displayCurrency: Currency | null = null) {
  const approx = displayCurrency ? { display_currency: displayCurrency } : {};
  return useQuery({
    enabled,
    queryKey: ["search", toQueryString(search), displayCurrency],
    // The schema types facets as an open object; SearchAnswer gives them API.md's shape.
    queryFn: async () => (await ok(api.GET("/api/v1/search/listings", { params: { query: { ...toParams(search), ...approx } } }))) as SearchAnswer,
    placeholderData: (previous) => previous,
  });
}
