import { useMutation, useQueryClient } from "@tanstack/react-query";
import { recommendationKeys } from "@/features/recommendations/api/query-keys";
import { api } from "@/lib/api-client";

export function clearRecommendationHistory(): Promise<null> {
  return api.delete("/me/recommendations/history");
}

export function useClearRecommendationHistory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: clearRecommendationHistory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recommendationKeys.all }),
  });
}
