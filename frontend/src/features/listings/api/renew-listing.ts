import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, isApiError } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

/**
 * Contract v1 has no renew action. Try `POST /listings/{id}/renew`; where the
 * server does not know it (404/405), renewing is making the listing active again.
 */
async function renewListing(id: number): Promise<Listing> {
  try {
    return await api.post<Listing>(`/listings/${id}/renew`);
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 405)) {
      return api.patch<Listing>(`/listings/${id}`, { status: "active" });
    }
    throw error;
  }
}

export function useRenewListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renewListing,
    onSuccess: (listing, id) => {
      if (listing && typeof listing === "object" && "id" in listing) queryClient.setQueryData(queryKeys.listings.detail(id), listing);
      void queryClient.invalidateQueries({ queryKey: queryKeys.listings.mine() });
    },
  });
}
