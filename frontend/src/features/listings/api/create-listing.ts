import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ListingInput } from "@/features/listings/api/listing-input";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

export type CreateListingInput = { input: ListingInput & { status?: string }; idempotencyKey: string };

/** POST /listings; the same key for every retry of one submission (never a second listing). */
function createListing({ input, idempotencyKey }: CreateListingInput): Promise<Listing> {
  return api.post<Listing>("/listings", input, { idempotencyKey });
}

export function useCreateListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createListing,
    onSuccess: (listing) => {
      queryClient.setQueryData(queryKeys.listings.detail(listing.id), listing);
      void queryClient.invalidateQueries({ queryKey: queryKeys.listings.mine() });
    },
  });
}
