import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type NotificationPage } from "@/features/account/api/get-notifications";
import type { UnreadNotificationCount } from "@/features/account/api/get-unread-notification-count";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type MarkNotificationsReadInput = { ids: number[] } | { all: true };

/** POST /me/notifications/read: these ids, or all of them; 204. */
function markNotificationsRead(input: MarkNotificationsReadInput): Promise<null> {
  return api.post<null>("/me/notifications/read", input);
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    // Read at once on screen and in the badge; the server's answer follows.
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.notifications.all });
      const lists = { queryKey: queryKeys.notifications.lists };
      const hits = (id: number) => "all" in input || input.ids.includes(id);
      const newlyRead = new Set<number>();
      for (const [, page] of queryClient.getQueriesData<NotificationPage>(lists)) {
        for (const item of page?.results ?? []) if (hits(item.id) && !item.read_at) newlyRead.add(item.id);
      }
      const unread = (count: number) => ("all" in input ? 0 : Math.max(0, count - newlyRead.size));
      const now = new Date().toISOString();
      queryClient.setQueriesData<NotificationPage>(lists, (page) =>
        page && {
          ...page,
          unread_count: unread(page.unread_count),
          results: page.results.map((item) => (newlyRead.has(item.id) ? { ...item, read_at: now } : item)),
        },
      );
      queryClient.setQueryData<UnreadNotificationCount>(queryKeys.notifications.unreadCount, (count) => count && { unread_count: unread(count.unread_count) });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}
