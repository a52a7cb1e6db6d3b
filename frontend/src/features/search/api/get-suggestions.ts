import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Suggestion } from "@/features/search/types/search";
import { queryKeys } from "@/lib/query-keys";
import { useCountry } from "@/lib/use-country";

export type { Suggestion };

function getSuggestions(q: string, country: string, signal?: AbortSignal): Promise<Suggestion[]> {
  return api.get<Suggestion[]>("/search/suggest", { params: { q, country }, signal });
}

export function useSuggestions(q: string) {
  const term = q.trim();
  const { country } = useCountry();
  return useQuery({
    queryKey: queryKeys.search.suggest(country, term),
    queryFn: ({ signal }) => getSuggestions(term, country, signal),
    enabled: term.length >= 2,
    staleTime: 60_000,
  });
}
