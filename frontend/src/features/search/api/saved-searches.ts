// The buyer's saved searches (docs/decisions/saved-search-alerts.md): made from a
// search, listed and deleted in the account; one API module for all three.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Page, Schema } from "@/api/models";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type SavedSearch = Schema<"SavedSearch">;
type SavedSearchInput = Schema<"SavedSearchWriteRequest">;

/** GET /me/saved-searches: the first page (a buyer keeps a handful). */
async function getSavedSearches(): Promise<SavedSearch[]> {
  const page = await api.get<Page<SavedSearch>>("/me/saved-searches");
  return page.results;
}

export function useSavedSearches() {
  return useQuery({ queryKey: queryKeys.savedSearches, queryFn: getSavedSearches });
}

export function useCreateSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SavedSearchInput) => api.post<SavedSearch>("/me/saved-searches", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedSearches }),
  });
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/me/saved-searches/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedSearches }),
  });
}
