import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { SearchResponse } from "@/features/search/types/search";
import { queryKeys } from "@/lib/query-keys";
import { useCountry } from "@/lib/use-country";

export type { SearchResponse };

/** GET /search/listings with the page's own URL parameters (same names as the API). */
function searchListings(params: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return api.get<SearchResponse>("/search/listings", { params, signal });
}

function searchListingsQueryOptions(params: URLSearchParams, country: string) {
  const sorted = new URLSearchParams(params);
  sorted.set("country", country);
  sorted.sort();
  return queryOptions({
    queryKey: queryKeys.search.listings(sorted.toString()),
    queryFn: ({ signal }) => searchListings(sorted, signal),
    placeholderData: keepPreviousData,
  });
}

/** A search of the buyer's country (lib/use-country.ts), whatever `params` say. */
export function useSearchListings(params: URLSearchParams, { enabled = true }: { enabled?: boolean } = {}) {
  const { country } = useCountry();
  return useQuery({ ...searchListingsQueryOptions(params, country), enabled });
}
