import { useInfiniteQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { Message } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";
import type { Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

const PAGE_SIZE = 50;

/** A page of a thread, newest first; `before` is the id of the oldest message already shown. */
function getMessages(conversationId: number, before?: number): Promise<Page<Message>> {
  return api.get<Page<Message>>(`/conversations/${conversationId}/messages`, {
    params: { page_size: PAGE_SIZE, before },
  });
}

export function useMessages(conversationId: number) {
  return useInfiniteQuery({
    queryKey: queryKeys.messaging.messages(conversationId),
    queryFn: ({ pageParam }) => getMessages(conversationId, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => {
      if (last.results.length < (last.page_size || PAGE_SIZE)) return undefined;
      return last.results[last.results.length - 1]?.id;
    },
  });
}

/** Oldest first, without duplicates: what the thread shows. */
export function threadOf(data: InfiniteData<Page<Message>> | undefined): Message[] {
  const seen = new Set<number>();
  const out: Message[] = [];
  for (const page of data?.pages ?? []) {
    for (const message of page.results) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      out.push(message);
    }
  }
  return out.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
}

/** Puts a message (sent or pushed) into a loaded thread, once. */
export function addMessageToCache(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<InfiniteData<Page<Message>>>(queryKeys.messaging.messages(message.conversation_id), (data) => {
    if (!data?.pages.length) return data;
    if (data.pages.some((page) => page.results.some((item) => item.id === message.id))) return data;
    const [first, ...rest] = data.pages;
    return { ...data, pages: [{ ...first, count: first.count + 1, results: [message, ...first.results] }, ...rest] };
  });
}
