import { useMutation, useQueryClient } from "@tanstack/react-query";
import { listingParams } from "@/features/listings/api/get-listing";
import { api, isApiError } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

/**
 * Contract v1 has no renew action. Try `POST /listings/{id}/renew`; where the
 * server does not know it (404/405), renewing is making the listing active again.
 */
async function renewListing(id: number, displayCurrency: string | null): Promise<Listing> {
  const params = listingParams(displayCurrency);
  try {
    return await api.post<Listing>(`/listings/${id}/renew`, undefined, { params });
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 405)) {
      return api.patch<Listing>(`/listings/${id}`, { status: "active" }, { params });
    }
    throw error;
  }
}

export function useRenewListing() {
  const queryClient = useQueryClient();
  const { displayCurrency } = useHomeCurrency();
  return useMutation({
    mutationFn: (id: number) => renewListing(id, displayCurrency),
    onSuccess: (listing, id) => {
      if (listing && typeof listing === "object" && "id" in listing) queryClient.setQueryData(queryKeys.listings.detail(id), listing);
      void queryClient.invalidateQueries({ queryKey: queryKeys.listings.mine() });
    },
  });
}
