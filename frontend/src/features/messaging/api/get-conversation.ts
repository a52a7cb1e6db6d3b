import { useQuery } from "@tanstack/react-query";
import type { Conversation } from "@/features/messaging/types/messaging";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

/** The conversation, its car priced also in the buyer's currency (`price_approx`). */
function getConversation(id: number, displayCurrency: string | null): Promise<Conversation> {
  return api.get<Conversation>(`/conversations/${id}`, { params: { display_currency: displayCurrency } });
}

export function useConversation(id: number) {
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({
    // Under the conversation's own key: what invalidates it (a block) reaches every currency's.
    queryKey: [...queryKeys.messaging.conversation(id), displayCurrency],
    queryFn: () => getConversation(id, displayCurrency),
    enabled: settled,
  });
}
