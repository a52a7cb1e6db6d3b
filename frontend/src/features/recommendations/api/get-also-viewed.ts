import { useQuery } from "@tanstack/react-query";
import { recommendationKeys } from "@/features/recommendations/api/query-keys";
import { api } from "@/lib/api-client";
import type { ListingSummary, Page } from "@/api/models";

export function getAlsoViewed(id: number): Promise<Page<ListingSummary>> {
  return api.get<Page<ListingSummary>>(`/listings/${id}/also-viewed`, { params: { page_size: 8 } });
}

export function useAlsoViewed(id: number) {
  return useQuery({ queryKey: recommendationKeys.alsoViewed(id), queryFn: () => getAlsoViewed(id), staleTime: 5 * 60_000 });
}
