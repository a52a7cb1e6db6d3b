import { api } from "@/lib/api-client";
import { useUnreadBadge } from "@/lib/use-unread-badge";
import { queryKeys } from "@/lib/query-keys";

/** GET /me/unread (docs/decisions/messaging.md): every unread message, not only the first page of the inbox. */
type UnreadTotals = { unread_count: number; conversations_with_unread: number };

function getUnread(): Promise<UnreadTotals> {
  return api.get<UnreadTotals>("/me/unread", { allowUnauthorized: true });
}

/**
 * Unread messages, for the header badge. The chat socket refreshes it as
 * messages arrive (and polling does while the socket is down); the minute's
 * poll and the tab coming back catch anything a push missed.
 */
export function useUnreadCount(): number {
  return useUnreadBadge(queryKeys.messaging.unread(), getUnread);
}
