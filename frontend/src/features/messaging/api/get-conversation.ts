import { useQuery } from "@tanstack/react-query";
import type { Conversation } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

function getConversation(id: number): Promise<Conversation> {
  return api.get<Conversation>(`/conversations/${id}`);
}

export function useConversation(id: number) {
  return useQuery({ queryKey: queryKeys.messaging.conversation(id), queryFn: () => getConversation(id) });
}
