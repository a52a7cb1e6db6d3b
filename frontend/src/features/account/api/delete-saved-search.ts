import { useMutation, useQueryClient } from "@tanstack/react-query";
import { savedSearchesKey } from "@/features/account/api/get-saved-searches";
import { api } from "@/lib/api-client";

export function deleteSavedSearch(id: number): Promise<null> {
  return api.delete(`/me/saved-searches/${id}`);
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteSavedSearch, onSuccess: () => queryClient.invalidateQueries({ queryKey: savedSearchesKey }) });
}
