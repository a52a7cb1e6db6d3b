import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

/** The query of a read or a write of one listing: its answer's `price_approx` in the buyer's currency, if any. */
export function listingParams(displayCurrency: string | null): Record<string, string> | undefined {
  return displayCurrency ? { display_currency: displayCurrency } : undefined;
}

function getListing(id: number, displayCurrency: string | null): Promise<Listing> {
  return api.get<Listing>(`/listings/${id}`, { params: listingParams(displayCurrency) });
}

/**
 * A listing, its price also in the buyer's currency (`price_approx`). The key leaves the
 * currency out: edits and renewals put their answer under it (update-listing.ts,
 * renew-listing.ts), asked in the same currency, so the "≈" line stays right after an edit.
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
