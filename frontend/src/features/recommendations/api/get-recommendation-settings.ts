import { useQuery } from "@tanstack/react-query";
import { recommendationKeys } from "@/features/recommendations/api/query-keys";
import { api } from "@/lib/api-client";

export type RecommendationSettings = { enabled: boolean; history_cleared_at: string | null; signals: number };

export function getRecommendationSettings(): Promise<RecommendationSettings> {
  return api.get<RecommendationSettings>("/me/recommendations/settings");
}

export function useRecommendationSettings() {
  return useQuery({ queryKey: recommendationKeys.settings, queryFn: getRecommendationSettings });
}
