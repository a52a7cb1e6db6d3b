import { useQuery } from "@tanstack/react-query";
import type { Conversation } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";
import { useUser } from "@/lib/auth";
import type { Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

export type { Conversation };

function getConversations(): Promise<Page<Conversation>> {
  return api.get<Page<Conversation>>("/conversations", { params: { page_size: 100 } });
}

export function useConversations() {
  const { data: user } = useUser();
  return useQuery({
    queryKey: queryKeys.messaging.conversations(),
    queryFn: getConversations,
    enabled: Boolean(user),
  });
}
