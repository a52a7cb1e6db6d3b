import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ListingSummary, Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

function getAlsoViewed(id: number): Promise<Page<ListingSummary>> {
  return api.get<Page<ListingSummary>>(`/listings/${id}/also-viewed`, { params: { page_size: 8 } });
}

export function useAlsoViewed(id: number) {
  return useQuery({ queryKey: queryKeys.recommendations.alsoViewed(id), queryFn: () => getAlsoViewed(id), staleTime: 5 * 60_000 });
}
