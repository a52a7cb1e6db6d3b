import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ListingInput } from "@/features/listings/api/listing-input";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

type UpdateListingInput = { id: number; changes: Partial<ListingInput> };

function updateListing({ id, changes }: UpdateListingInput): Promise<Listing> {
  return api.patch<Listing>(`/listings/${id}`, changes);
}

export function useUpdateListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateListing,
    onSuccess: (listing) => {
      queryClient.setQueryData(queryKeys.listings.detail(listing.id), listing);
      void queryClient.invalidateQueries({ queryKey: queryKeys.listings.mine() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.search.all });
    },
  });
}
