import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Suggestion } from "@/features/search/types/search";
import { queryKeys } from "@/lib/query-keys";

export type { Suggestion };

function getSuggestions(q: string, signal?: AbortSignal): Promise<Suggestion[]> {
  return api.get<Suggestion[]>("/search/suggest", { params: { q }, signal });
}

export function useSuggestions(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: queryKeys.search.suggest(term),
    queryFn: ({ signal }) => getSuggestions(term, signal),
    enabled: term.length >= 2,
    staleTime: 60_000,
  });
}
