import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Schema } from "@/api/models";

/** A new match of a saved search (docs/API-notes/accounts.md, Notifications). */
export type Notification = Schema<"Notification">;

/** A page of notifications also carries the count of all unread ones. */
export type NotificationPage = Schema<"NotificationPage">;

export type NotificationFilters = { unread: boolean; page: number };

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const notificationKeys = {
  all: ["account", "notifications"] as const,
  list: (filters: NotificationFilters) => ["account", "notifications", "list", filters] as const,
  unreadCount: ["account", "notifications", "unread-count"] as const,
};

export function getNotifications({ unread, page }: NotificationFilters): Promise<NotificationPage> {
  return api.get<NotificationPage>("/me/notifications", {
    params: { unread: unread ? "true" : undefined, page: page > 1 ? page : undefined, page_size: NOTIFICATIONS_PAGE_SIZE },
  });
}

export function useNotifications(filters: NotificationFilters) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: notificationKeys.list(filters),
    queryFn: async () => {
      const page = await getNotifications(filters);
      // The page counts every unread notification: the header badge can use it.
      queryClient.setQueryData(notificationKeys.unreadCount, { unread_count: page.unread_count });
      return page;
    },
    placeholderData: keepPreviousData,
  });
}
