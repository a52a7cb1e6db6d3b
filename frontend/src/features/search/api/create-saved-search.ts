import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export type SavedSearchInput = { name: string; query: string; alert: boolean };
export type SavedSearch = SavedSearchInput & { id: number; created_at?: string };

export function createSavedSearch(input: SavedSearchInput): Promise<SavedSearch> {
  return api.post<SavedSearch>("/me/saved-searches", input);
}

export function useCreateSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSavedSearch,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["account", "saved-searches"] }),
  });
}
