import { useQuery } from "@tanstack/react-query";
import type { ResultCard } from "@/api/models";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Up to 12 similar active listings (a list, not a page). */
function getSimilarListings(id: number): Promise<ResultCard[]> {
  return api.get<ResultCard[]>(`/listings/${id}/similar`);
}

export function useSimilarListings(id: number) {
  return useQuery({ queryKey: queryKeys.listings.similar(id), queryFn: () => getSimilarListings(id), staleTime: 5 * 60_000 });
}
