import { useQuery } from "@tanstack/react-query";
import type { Comparable, MarketRating, PriceEstimate, NoRatingReason } from "@/features/listings/types/market";
import { api } from "@/lib/api-client";
import type { Money } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

/** Where a listing's asking price sits among comparable cars. */
export type MarketValue = {
  listing_id: number;
  price: Money;
  rating: MarketRating | null;
  reason: NoRatingReason | null;
  /** Comparable cars left out for an outlying price. */
  outliers_excluded?: number;
  /** The price against the comparables' median, in percent (−8.3 is 8.3 % below). */
  difference_percent: number | null;
  estimate: PriceEstimate | null;
  comparables_count: number;
  comparables: Comparable[];
  criteria: Record<string, unknown>;
};

function getMarketValue(listingId: number): Promise<MarketValue> {
  return api.get<MarketValue>(`/listings/${listingId}/market-value`);
}

export function useMarketValue(listingId: number) {
  return useQuery({
    queryKey: queryKeys.listings.marketValue(listingId),
    queryFn: () => getMarketValue(listingId),
    staleTime: 5 * 60_000,
  });
}
