import { useMutation, useQueryClient } from "@tanstack/react-query";
import { listingParams } from "@/features/listings/api/get-listing";
import type { ListingInput } from "@/features/listings/api/listing-input";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

type UpdateListingInput = { id: number; changes: Partial<ListingInput> };

/** PATCH /listings/{id}; its answer, asked in the buyer's currency, replaces the listing's page data (get-listing.ts). */
export function useUpdateListing() {
  const queryClient = useQueryClient();
  const { displayCurrency } = useHomeCurrency();
  return useMutation({
    mutationFn: ({ id, changes }: UpdateListingInput) => api.patch<Listing>(`/listings/${id}`, changes, { params: listingParams(displayCurrency) }),
    onSuccess: (listing) => {
      queryClient.setQueryData(queryKeys.listings.detail(listing.id), listing);
      void queryClient.invalidateQueries({ queryKey: queryKeys.listings.mine() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.search.all });
    },
  });
}
