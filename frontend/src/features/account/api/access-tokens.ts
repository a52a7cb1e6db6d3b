// The apps and scripts signed in to the account with a token (the mobile app,
// a dealer's feed script): listed newest first, each signed out on its own.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Schema } from "@/api/models";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export type AccessToken = Schema<"AccessToken">;
type AccessTokenPage = Schema<"AccessTokenPage">;

export function useAccessTokens() {
  // The server keeps at most 20 sign-ins (settings.API_TOKENS_MAX): one page holds them all.
  return useQuery({ queryKey: queryKeys.accessTokens, queryFn: () => api.get<AccessTokenPage>("/me/tokens?page_size=50") });
}

export function useRevokeAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/me/tokens/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.accessTokens }),
  });
}
