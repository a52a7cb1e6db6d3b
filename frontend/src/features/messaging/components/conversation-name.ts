import type { Conversation } from "@/features/messaging/types/messaging";

/** The other person in the conversation: their public name only. */
export function otherPartyName(conversation: Conversation): string | null {
  return conversation.other_participant?.display_name || null;
}
