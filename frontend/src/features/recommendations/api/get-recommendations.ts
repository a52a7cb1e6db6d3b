import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ListingSummary, Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

type ReasonCode = "viewed_together" | "saved_similar" | "saved_search" | "interests" | "popular" | "new";
export type Reason = { code: ReasonCode; text_en: string; text_ar: string };
type Recommendation = ListingSummary & { reason: Reason };
/** A page of recommendations; `enabled` is false when the buyer turned them off. */
type RecommendationsPage = Page<Recommendation> & { enabled: boolean };

function getRecommendations(page = 1, pageSize = 8): Promise<RecommendationsPage> {
  return api.get<RecommendationsPage>("/me/recommendations", { params: { page, page_size: pageSize } });
}

/** Fresh on every visit: a new favourite or view changes them at once on the server. */
export function useRecommendations(page = 1) {
  return useQuery({ queryKey: queryKeys.recommendations.forMe(page), queryFn: () => getRecommendations(page), staleTime: 0 });
}
