import type { Schema } from "@/api/models";

/** The middle half of comparable cars' prices and their median (docs/decisions/analytics.md). */
export type PriceEstimate = Schema<"PriceEstimate">;

/** One of up to 10 comparables shown: sold ones cannot be opened by buyers. */
export type Comparable = Schema<"Comparable">;

/** Fewer than 5 comparables: no rating or suggestion, and this reason. */
export const NOT_ENOUGH_COMPARABLES = "not_enough_comparables";

/** Why a market value gives no rating: no comparable car, fewer than 5, or a price Sayara finds implausible. */
export type NoRatingReason = Schema<"MarketValueReasonEnum">;

export type MarketRating = Schema<"RatingEnum">;
