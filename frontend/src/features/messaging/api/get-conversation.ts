import { useQuery } from "@tanstack/react-query";
import { messagingKeys } from "@/features/messaging/api/query-keys";
import type { Conversation } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";

export function getConversation(id: number): Promise<Conversation> {
  return api.get<Conversation>(`/conversations/${id}`);
}

export function useConversation(id: number) {
  return useQuery({ queryKey: messagingKeys.conversation(id), queryFn: () => getConversation(id) });
}
