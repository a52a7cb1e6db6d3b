import { useQuery, useQueryClient } from "@tanstack/react-query";
import { notificationKeys } from "@/features/account/api/get-notifications";
import { api } from "@/lib/api-client";
import { useUser, whileSignedIn } from "@/lib/auth";

export type UnreadNotificationCount = { unread_count: number };

/** Alerts are matched about every 30 s on the server; a minute is soon enough for a badge. */
export const UNREAD_NOTIFICATIONS_POLL_MS = 60_000;

export function getUnreadNotificationCount(): Promise<UnreadNotificationCount> {
  return api.get<UnreadNotificationCount>("/me/notifications/unread-count", { allowUnauthorized: true });
}

/** Unread notifications of the signed-in person, for the header: polled, and asked again when the tab comes back. */
export function useUnreadNotificationCount(): number {
  const { data: user } = useUser();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: () => whileSignedIn(queryClient, getUnreadNotificationCount),
    enabled: Boolean(user),
    staleTime: 15_000,
    refetchInterval: UNREAD_NOTIFICATIONS_POLL_MS,
    refetchOnWindowFocus: true,
  });
  return user ? (data?.unread_count ?? 0) : 0;
}
