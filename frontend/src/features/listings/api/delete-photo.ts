import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

export function deletePhoto({ listingId, photoId }: { listingId: number; photoId: number }): Promise<null> {
  return api.delete(`/listings/${listingId}/photos/${photoId}`);
}

export function useDeletePhoto() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePhoto,
    onSuccess: (_data, { listingId, photoId }) => {
      queryClient.setQueryData<Listing>(queryKeys.listings.detail(listingId), (listing) =>
        listing ? { ...listing, photos: listing.photos.filter((photo) => photo.id !== photoId) } : listing,
      );
    },
  });
}
