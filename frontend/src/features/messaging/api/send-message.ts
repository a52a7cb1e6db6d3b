import { useMutation, useQueryClient } from "@tanstack/react-query";
import { addMessageToCache } from "@/features/messaging/api/get-messages";
import type { Message } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type SendMessageInput = { conversationId: number; body: string; idempotencyKey?: string };

function sendMessage({ conversationId, body, idempotencyKey }: SendMessageInput): Promise<Message> {
  return api.post<Message>(`/conversations/${conversationId}/messages`, { body }, { idempotencyKey });
}

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendMessage,
    onSuccess: (message) => {
      addMessageToCache(queryClient, message);
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations() });
    },
  });
}
