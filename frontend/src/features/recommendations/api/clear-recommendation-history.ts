import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

function clearRecommendationHistory(): Promise<null> {
  return api.delete("/me/recommendations/history");
}

export function useClearRecommendationHistory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: clearRecommendationHistory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.recommendations.all }),
  });
}
