import type { Schema } from "@/api/models";

/** The middle half of comparable cars' prices and their median (docs/decisions/analytics.md). */
export type PriceEstimate = Schema<"PriceEstimate">;

/** One of up to 10 comparables shown: sold ones cannot be opened by buyers. */
export type Comparable = Schema<"Comparable">;

export type MarketRating = Schema<"RatingEnum">;
