import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ListingInput } from "@/features/listings/api/listing-input";
import { listingKeys } from "@/features/listings/api/query-keys";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";

export type UpdateListingInput = { id: number; changes: Partial<ListingInput> };

export function updateListing({ id, changes }: UpdateListingInput): Promise<Listing> {
  return api.patch<Listing>(`/listings/${id}`, changes);
}

export function useUpdateListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateListing,
    onSuccess: (listing) => {
      queryClient.setQueryData(listingKeys.detail(listing.id), listing);
      void queryClient.invalidateQueries({ queryKey: listingKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: ["search"] });
    },
  });
}
