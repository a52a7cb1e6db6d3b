import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Conversation } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";
import type { Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

export function markRead(conversationId: number): Promise<null> {
  return api.post<null>(`/conversations/${conversationId}/read`);
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: (_data, conversationId) => {
      queryClient.setQueryData<Page<Conversation>>(queryKeys.messaging.conversations(), (page) =>
        page
          ? { ...page, results: page.results.map((item) => (item.id === conversationId ? { ...item, unread_count: 0 } : item)) }
          : page,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.unread() });
    },
  });
}
