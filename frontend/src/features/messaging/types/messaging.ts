import type { ListingStatus, Money } from "@/types/api";

/** Contact details spotted in a message: it is sent anyway, with a gentle safety note. */
export type MessageWarning = "phone_number" | "link" | "email";

export type Message = {
  id: number;
  conversation_id: number;
  sender_id: number;
  body: string;
  created_at: string;
  read_at: string | null;
  warnings?: MessageWarning[];
};

export type Participant = { id: number; display_name: string };

/** A conversation as one of its two participants sees it (docs/decisions/messaging.md). */
export type Conversation = {
  id: number;
  listing_id: number;
  listing?: { id: number; title: string; price?: Money; currency?: string; status?: ListingStatus; thumbnail_url?: string | null } | null;
  role?: "buyer" | "seller";
  other_participant?: Participant | null;
  unread_count: number;
  last_message: Message | null;
  last_message_at?: string | null;
  created_at?: string;
  /** I blocked the other participant. */
  blocked_by_me?: boolean;
  /** False when either of the two blocked the other. */
  can_send?: boolean;
};

/** What the server pushes on /ws/chat/ that the app acts on. */
export type ChatEvent =
  | { type: "message"; conversation_id: number; message: Message }
  | { type: "read"; conversation_id: number; reader_id: number; read_at: string };
