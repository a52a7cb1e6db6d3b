import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RecommendationSettings } from "@/features/recommendations/api/get-recommendation-settings";
import { recommendationKeys } from "@/features/recommendations/api/query-keys";
import { api } from "@/lib/api-client";

/** Off forgets the history at once and stops recording it. */
export function setRecommendationsEnabled(enabled: boolean): Promise<RecommendationSettings> {
  return api.put<RecommendationSettings>("/me/recommendations/settings", { enabled });
}

export function useSetRecommendationsEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setRecommendationsEnabled,
    onSuccess: (settings) => {
      queryClient.setQueryData(recommendationKeys.settings, settings);
      return queryClient.invalidateQueries({ queryKey: recommendationKeys.all });
    },
  });
}
