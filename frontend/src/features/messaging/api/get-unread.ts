import { useQuery, useQueryClient } from "@tanstack/react-query";
import { messagingKeys } from "@/features/messaging/api/query-keys";
import { api } from "@/lib/api-client";
import { useUser, whileSignedIn } from "@/lib/auth";

/** GET /me/unread (docs/decisions/messaging.md): every unread message, not only the first page of the inbox. */
export type UnreadTotals = { unread_count: number; conversations_with_unread: number };

export function getUnread(): Promise<UnreadTotals> {
  return api.get<UnreadTotals>("/me/unread", { allowUnauthorized: true });
}

/**
 * Unread messages, for the header badge. The chat socket refreshes it as
 * messages arrive (and polling does while the socket is down); the interval
 * and the tab coming back catch anything a push missed.
 */
export function useUnreadCount(): number {
  const { data: user } = useUser();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: messagingKeys.unread(),
    queryFn: () => whileSignedIn(queryClient, getUnread),
    enabled: Boolean(user),
    staleTime: 15_000,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  return user ? (data?.unread_count ?? 0) : 0;
}
