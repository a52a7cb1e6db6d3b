import { useMutation, useQueryClient } from "@tanstack/react-query";
import { messagingKeys } from "@/features/messaging/api/query-keys";
import type { Conversation } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";

export type StartConversationInput = { listing_id: number; body: string; idempotencyKey?: string };

/** POST /conversations: an existing buyer–listing conversation is reused by the API. */
export function startConversation({ idempotencyKey, ...input }: StartConversationInput): Promise<Conversation> {
  return api.post<Conversation>("/conversations", input, { idempotencyKey });
}

export function useStartConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startConversation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagingKeys.all }),
  });
}
