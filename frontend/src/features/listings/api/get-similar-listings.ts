import { useQuery } from "@tanstack/react-query";
import type { ResultCard } from "@/api/models";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

/** Up to 12 similar active listings (a list, not a page), priced also in the buyer's currency. */
function getSimilarListings(id: number, displayCurrency: string | null): Promise<ResultCard[]> {
  return api.get<ResultCard[]>(`/listings/${id}/similar`, { params: displayCurrency ? { display_currency: displayCurrency } : undefined });
}

export function useSimilarListings(id: number) {
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({
    queryKey: queryKeys.listings.similar(id, displayCurrency),
    queryFn: () => getSimilarListings(id, displayCurrency),
    staleTime: 5 * 60_000,
    enabled: settled,
  });
}
