import type { AccountType, Money } from "@/types/api";

export type Message = {
  id: number;
  conversation_id: number;
  sender_id: number;
  body: string;
  created_at: string;
  read_at: string | null;
};

export type Participant = { id: number; display_name: string; account_type?: AccountType };

/**
 * Contract v1 names `listing_id`, `unread_count` and `last_message`; the rest
 * (listing summary, buyer/seller) is read when the API sends it, with fallbacks.
 */
export type Conversation = {
  id: number;
  listing_id: number;
  listing?: { id: number; title: string; price?: Money; thumbnail_url?: string | null } | null;
  buyer?: Participant | null;
  seller?: Participant | null;
  other_party?: Participant | null;
  unread_count: number;
  last_message: Message | null;
  created_at?: string;
  updated_at?: string;
};

/** What the server pushes on /ws/chat/. */
export type ChatEvent = { type: "message"; conversation_id: number; message: Message };
