// How the buyer's alerts are e-mailed (docs/API-notes/alert-emails.md): as they
// happen or in a daily digest, and which alerts at all.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Schema } from "@/api/models";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export type AlertEmails = Schema<"AlertEmailSettings">;

export function useAlertEmails() {
  return useQuery({ queryKey: queryKeys.alertEmails, queryFn: () => api.get<AlertEmails>("/me/alert-emails") });
}

export function useUpdateAlertEmails() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<AlertEmails>) => api.patch<AlertEmails>("/me/alert-emails", changes),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.alertEmails, saved),
  });
}
