// The number on the Messages tab: unread messages across conversations.
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "@/api/client";
import { useAccount } from "@/account/session";

export function useUnreadCount(): number {
  const { token } = useAccount();
  const unread = useQuery({ queryKey: ["unread"], queryFn: () => ok(api.GET("/api/v1/me/unread")), enabled: !!token });
  return token ? (unread.data?.unread_count ?? 0) : 0;
}
