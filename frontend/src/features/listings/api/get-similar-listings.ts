import { useQuery } from "@tanstack/react-query";
import { listingKeys } from "@/features/listings/api/query-keys";
import { api } from "@/lib/api-client";
import type { ListingSummary, Page } from "@/api/models";

/** Up to 12 similar active listings; accepts a bare list or a page. */
export async function getSimilarListings(id: number): Promise<ListingSummary[]> {
  const data = await api.get<ListingSummary[] | Page<ListingSummary>>(`/listings/${id}/similar`);
  return Array.isArray(data) ? data : (data?.results ?? []);
}

export function useSimilarListings(id: number) {
  return useQuery({ queryKey: listingKeys.similar(id), queryFn: () => getSimilarListings(id), staleTime: 5 * 60_000 });
}
