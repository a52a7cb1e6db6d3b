import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Page } from "@/api/models";

export type SavedSearch = { id: number; name: string; query: string; alert: boolean; created_at?: string };

export const savedSearchesKey = ["account", "saved-searches"] as const;

/** GET /me/saved-searches: a page, or a bare list. */
export async function getSavedSearches(): Promise<SavedSearch[]> {
  const data = await api.get<Page<SavedSearch> | SavedSearch[]>("/me/saved-searches");
  return Array.isArray(data) ? data : (data?.results ?? []);
}

export function useSavedSearches() {
  return useQuery({ queryKey: savedSearchesKey, queryFn: getSavedSearches });
}
