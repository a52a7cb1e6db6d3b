import type { ListingStatus, Money } from "@/types/api";

/** The middle half of comparable cars' prices and their median (docs/decisions/analytics.md). */
export type PriceEstimate = { low: Money; median: Money; high: Money };

/** One of up to 10 comparables shown: sold ones cannot be opened by buyers. */
export type Comparable = { id: number; price: Money; year: number; mileage_km: number; status: ListingStatus };

/** Fewer than 5 comparables: no rating or suggestion, and this reason. */
export const NOT_ENOUGH_COMPARABLES = "not_enough_comparables";

/** Why a market value gives no rating: no comparable car, fewer than 5, or a price Sayara finds implausible. */
export type NoRatingReason = "rare_car" | "not_enough_comparables" | "price_implausible";

export type MarketRating = "great" | "good" | "fair" | "high" | "overpriced";
