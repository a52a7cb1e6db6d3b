import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

function deleteListing(id: number): Promise<null> {
  return api.delete(`/listings/${id}`);
}

export function useDeleteListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteListing,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.listings.detail(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.listings.mine() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.search.all });
    },
  });
}
