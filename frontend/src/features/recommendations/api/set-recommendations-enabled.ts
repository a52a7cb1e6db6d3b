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
    // Optimistic: the switch moves at once and moves back if the server says no.
    onMutate: async (enabled) => {
      await queryClient.cancelQueries({ queryKey: recommendationKeys.settings });
      const previous = queryClient.getQueryData<RecommendationSettings>(recommendationKeys.settings);
      if (previous) queryClient.setQueryData<RecommendationSettings>(recommendationKeys.settings, { ...previous, enabled });
      return { previous };
    },
    onError: (_error, _enabled, context) => queryClient.setQueryData(recommendationKeys.settings, context?.previous),
    onSuccess: (settings) => queryClient.setQueryData(recommendationKeys.settings, settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recommendationKeys.all }),
  });
}
