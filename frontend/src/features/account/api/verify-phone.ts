import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { User } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

/** Sends a one-time code by SMS to the account's phone (429 past the hourly limit). */
export function useSendPhoneCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<User>("/me/phone/verify", {}),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}

export function useConfirmPhoneCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<User>("/me/phone/confirm", { code }),
    onSuccess: (user) => queryClient.setQueryData(queryKeys.me, user),
  });
}
