import { ENUM_NAMES } from "@/lib/catalog/get-enums";
import type { Money, Schema } from "@/api/models";

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

/** GET /search/listings; its facets are typed here, the schema only says they are an object. */
export type SearchResponse = Omit<Schema<"SearchAnswer">, "facets"> & { facets?: Facets };

/** One filter read from the free text: a search parameter, its value, the words as typed. */
export type Understood = Schema<"Understood">;
export type Relax = Schema<"Relax">;

export type Suggestion = Schema<"Suggestion">;

/** Repeatable filters: OR within a field, AND across fields (API.md "Search"). */
export const MULTI_FIELDS = ["make", "model", ...ENUM_NAMES] as const;
export type MultiField = (typeof MULTI_FIELDS)[number];

type RangeKey = "year" | "price" | "mileage_km";
export type RangeField = { key: RangeKey; min: string; max: string };

export const RANGE_FIELDS: RangeField[] = [
  { key: "year", min: "year_min", max: "year_max" },
  { key: "price", min: "price_min", max: "price_max" },
  { key: "mileage_km", min: "mileage_min", max: "mileage_max" },
];

export const SORTS = ["relevance", "newest", "price_asc", "price_desc", "year_desc", "mileage_asc", "best_deals"] as const;
export type Sort = (typeof SORTS)[number];

export const DEFAULT_PAGE_SIZE = 24;
