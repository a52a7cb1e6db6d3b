import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { RecommendationSettings } from "@/features/recommendations/api/get-recommendation-settings";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Off forgets the history at once and stops recording it. */
function setRecommendationsEnabled(enabled: boolean): Promise<RecommendationSettings> {
  return api.put<RecommendationSettings>("/me/recommendations/settings", { enabled });
}

export function useSetRecommendationsEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setRecommendationsEnabled,
    // Optimistic: the switch moves at once and moves back if the server says no.
    onMutate: async (enabled) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.recommendations.settings });
      const previous = queryClient.getQueryData<RecommendationSettings>(queryKeys.recommendations.settings);
      if (previous) queryClient.setQueryData<RecommendationSettings>(queryKeys.recommendations.settings, { ...previous, enabled });
      return { previous };
    },
    onError: (_error, _enabled, context) => queryClient.setQueryData(queryKeys.recommendations.settings, context?.previous),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.recommendations.settings, settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.recommendations.all }),
  });
}
