import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ListingSummary, Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

function getAlsoViewed(id: number, displayCurrency: string | null): Promise<Page<ListingSummary>> {
  const params = { page_size: 8, ...(displayCurrency ? { display_currency: displayCurrency } : {}) };
  return api.get<Page<ListingSummary>>(`/listings/${id}/also-viewed`, { params });
}

/** The listing's country's cars (the server keeps to it), priced also in the buyer's currency. */
export function useAlsoViewed(id: number) {
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({
    queryKey: queryKeys.recommendations.alsoViewed(id, displayCurrency),
    queryFn: () => getAlsoViewed(id, displayCurrency),
    staleTime: 5 * 60_000,
    enabled: settled,
  });
}
