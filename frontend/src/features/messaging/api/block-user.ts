import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type BlockInput = { conversationId: number; block: boolean };

/** Block (POST) or unblock (DELETE) the other participant; both 204 and idempotent. */
export function setBlocked({ conversationId, block }: BlockInput): Promise<null> {
  const path = `/conversations/${conversationId}/block`;
  return block ? api.post<null>(path) : api.delete(path);
}

export function useSetBlocked() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setBlocked,
    // A block covers every conversation between the two people.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.messaging.anyConversation }),
        queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations() }),
      ]),
  });
}
