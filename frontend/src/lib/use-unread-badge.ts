import { useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useUser, whileSignedIn } from "@/lib/auth";

/** Something polled for the header: a minute is soon enough for a badge. */
const BADGE_POLL_MS = 60_000;

/**
 * An unread count for a header badge, signed-in people only: asked every
 * minute and when the tab comes back. A session found ended on the way shows
 * the visitor signed out where they are (`whileSignedIn`); the fetcher must
 * pass `allowUnauthorized: true`.
 */
export function useUnreadBadge(queryKey: QueryKey, fetchCount: () => Promise<{ unread_count: number }>): number {
  const { data: user } = useUser();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey,
    queryFn: () => whileSignedIn(queryClient, fetchCount),
    enabled: Boolean(user),
    staleTime: 15_000,
    refetchInterval: BADGE_POLL_MS,
    refetchOnWindowFocus: true,
  });
  return user ? (data?.unread_count ?? 0) : 0;
}
