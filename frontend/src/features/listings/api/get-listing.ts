import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

function getListing(id: number, displayCurrency: string | null): Promise<Listing> {
  return api.get<Listing>(`/listings/${id}`, { params: displayCurrency ? { display_currency: displayCurrency } : undefined });
}

/**
 * A listing, its price also in the buyer's currency (`price_approx`). The key leaves the
 * currency out: edits put their answer under it (update-listing.ts), and a seller's own
 * listing needs no approximation.
 */
export function useListing(id: number) {
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({
    queryKey: queryKeys.listings.detail(id),
    queryFn: () => getListing(id, displayCurrency),
    // After the profile: its currency is asked for, and the view is counted once.
    enabled: Number.isInteger(id) && id > 0 && settled,
  });
}
