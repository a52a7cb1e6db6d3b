import { api } from "@/lib/api-client";
import { useUnreadBadge } from "@/lib/use-unread-badge";
import { queryKeys } from "@/lib/query-keys";

export type UnreadNotificationCount = { unread_count: number };

function getUnreadNotificationCount(): Promise<UnreadNotificationCount> {
  return api.get<UnreadNotificationCount>("/me/notifications/unread-count", { allowUnauthorized: true });
}

/** Unread notifications for the header. Alerts are matched about every 30 s on the server; the badge asks every minute. */
export function useUnreadNotificationCount(): number {
  return useUnreadBadge(queryKeys.notifications.unreadCount, getUnreadNotificationCount);
}
