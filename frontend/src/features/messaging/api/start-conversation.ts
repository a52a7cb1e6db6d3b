import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Conversation } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type StartConversationInput = { listing_id: number; body: string; idempotencyKey?: string };

/** POST /conversations: an existing buyer–listing conversation is reused by the API. */
function startConversation({ idempotencyKey, ...input }: StartConversationInput): Promise<Conversation> {
  return api.post<Conversation>("/conversations", input, { idempotencyKey });
}

export function useStartConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startConversation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.messaging.all }),
  });
}
