import { ENUM_NAMES } from "@/lib/catalog/get-enums";
import type { ListingSummary, Money } from "@/types/api";

export type FacetBucket = {
  value: string;
  label_en?: string;
  label_ar?: string;
  count: number;
  selected?: boolean;
};

export type RangeBucket<T> = { from: T; to: T; count: number };
export type RangeFacet<T> = { min: T | null; max: T | null; buckets?: RangeBucket<T>[] };

export type Facets = Partial<Record<MultiField, FacetBucket[]>> & {
  year?: RangeFacet<number>;
  price?: RangeFacet<Money>;
  mileage_km?: RangeFacet<number>;
};

export type SearchResponse = {
  count: number;
  page: number;
  page_size: number;
  results: ListingSummary[];
  facets?: Facets;
  /** Only typo-tolerant matching found these results (the text was misspelt). */
  typo_tolerant?: boolean;
  /** What the free text was understood as, in the order typed (API.md v1.1). */
  understood?: Understood[];
  /** The free text left to match as words, after what was understood. */
  q?: string;
  /** The query as corrected when the words as typed found nothing ("Showing results for …"). */
  corrected?: string | null;
  /** When nothing matched: the understood words whose removal finds cars. */
  relax?: Relax | null;
  /** When nothing matched: the nearest cars (nearest years, the price band just above…). */
  nearest?: ListingSummary[];
};

/** One filter read from the free text: a search parameter, its value, the words as typed. */
export type Understood = { field: string; value: string; text: string };
export type Relax = { text: string; filters: string[]; count: number };

export type Suggestion = {
  text: string;
  make?: string | null;
  model?: string | null;
  count?: number;
  /** The search the suggestion runs: its make and model and what else the text was understood as. */
  params?: Record<string, string[]>;
};

/** Repeatable filters: OR within a field, AND across fields (API.md "Search"). */
export const MULTI_FIELDS = ["make", "model", ...ENUM_NAMES] as const;
export type MultiField = (typeof MULTI_FIELDS)[number];

export type RangeKey = "year" | "price" | "mileage_km";
export type RangeField = { key: RangeKey; min: string; max: string };

export const RANGE_FIELDS: RangeField[] = [
  { key: "year", min: "year_min", max: "year_max" },
  { key: "price", min: "price_min", max: "price_max" },
  { key: "mileage_km", min: "mileage_min", max: "mileage_max" },
];

export const SORTS = ["relevance", "newest", "price_asc", "price_desc", "year_desc", "mileage_asc", "best_deals"] as const;
export type Sort = (typeof SORTS)[number];

export const DEFAULT_PAGE_SIZE = 24;
