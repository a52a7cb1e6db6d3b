import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { SearchResponse } from "@/features/search/types/search";
import { queryKeys } from "@/lib/query-keys";

export type { SearchResponse };

/** GET /search/listings with the page's own URL parameters (same names as the API). */
function searchListings(params: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return api.get<SearchResponse>("/search/listings", { params, signal });
}

function searchListingsQueryOptions(params: URLSearchParams) {
  const sorted = new URLSearchParams(params);
  sorted.sort();
  return queryOptions({
    queryKey: queryKeys.search.listings(sorted.toString()),
    queryFn: ({ signal }) => searchListings(sorted, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSearchListings(params: URLSearchParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...searchListingsQueryOptions(params), enabled });
}
