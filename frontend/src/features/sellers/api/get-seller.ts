import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { AccountType, ListingSummary, Page } from "@/api/models";
import { useHomeCurrency } from "@/lib/use-country";

/** GET /sellers/{id}: a seller's public page. */
export type SellerProfile = {
  id: number;
  display_name: string;
  account_type: AccountType;
  member_since: string;
  badges: ("verified_phone" | "dealer")[];
  active_listings: number;
  typical_response_minutes: number | null;
  listings: Page<ListingSummary>;
};

/** The seller's cars are priced also in the buyer's currency (`price_approx`). */
export function useSeller(id: number, page: number) {
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({
    queryKey: ["sellers", id, page, displayCurrency] as const,
    queryFn: () => api.get<SellerProfile>(`/sellers/${id}`, { params: { page, display_currency: displayCurrency } }),
    enabled: Number.isInteger(id) && id > 0 && settled,
    placeholderData: keepPreviousData,
  });
}

/** One day of GET /me/listings/{id}/stats. */
export type ListingDay = { day: string; views: number; saves: number; messages: number; calls: number; whatsapp: number };

export function useListingStats(id: number) {
  return useQuery({
    queryKey: ["account", "listing-stats", id] as const,
    queryFn: () => api.get<{ listing_id: number; days: ListingDay[] }>(`/me/listings/${id}/stats?days=30`),
    enabled: Number.isInteger(id) && id > 0,
  });
}
