import { useQuery } from "@tanstack/react-query";
import type { Comparable, PriceEstimate } from "@/features/listings/types/market";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** The car being listed, as the price suggestion reads it (mileage narrows the comparables). */
export type SuggestionCar = { country: string; make: string; model: string; year: number; mileage_km?: number };

export type PriceSuggestion = {
  suggested_price: PriceEstimate | null;
  reason: string | null;
  comparables_count: number;
  comparables: Comparable[];
  criteria: Record<string, unknown>;
};

function getPriceSuggestion(car: SuggestionCar, signal?: AbortSignal): Promise<PriceSuggestion> {
  // A hint while typing: an ended session must not snatch the seller away from the form.
  return api.get<PriceSuggestion>("/analytics/price-suggestion", { params: car, signal, allowUnauthorized: true });
}

export function usePriceSuggestion(car: SuggestionCar | null) {
  return useQuery({
    queryKey: queryKeys.listings.priceSuggestion(car ?? {}),
    queryFn: ({ signal }) => getPriceSuggestion(car!, signal),
    enabled: car !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
