import { useMutation, useQueryClient } from "@tanstack/react-query";
import { listingKeys } from "@/features/listings/api/query-keys";
import { api } from "@/lib/api-client";

export function deleteListing(id: number): Promise<null> {
  return api.delete(`/listings/${id}`);
}

export function useDeleteListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteListing,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: listingKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: listingKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: ["search"] });
    },
  });
}
