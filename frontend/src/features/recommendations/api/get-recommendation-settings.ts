import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export type RecommendationSettings = { enabled: boolean; history_cleared_at: string | null; signals: number };

function getRecommendationSettings(): Promise<RecommendationSettings> {
  return api.get<RecommendationSettings>("/me/recommendations/settings");
}

export function useRecommendationSettings() {
  return useQuery({ queryKey: queryKeys.recommendations.settings, queryFn: getRecommendationSettings });
}
