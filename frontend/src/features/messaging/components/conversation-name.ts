import type { Conversation } from "@/features/messaging/types/messaging";

/** The other person in the conversation, as far as the API tells us. */
export function otherPartyName(conversation: Conversation, myId: number | undefined): string | null {
  if (conversation.other_party?.display_name) return conversation.other_party.display_name;
  if (conversation.buyer && conversation.buyer.id !== myId) return conversation.buyer.display_name;
  if (conversation.seller && conversation.seller.id !== myId) return conversation.seller.display_name;
  return null;
}
