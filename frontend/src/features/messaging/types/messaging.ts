import type { Schema } from "@/api/models";

/** Contact details spotted in a message: it is sent anyway, with a gentle safety note. */
export type MessageWarning = Schema<"WarningsEnum">;

export type Message = Schema<"Message">;

/** A conversation as one of its two participants sees it (docs/decisions/messaging.md). */
export type Conversation = Schema<"Conversation">;

/** What the server pushes on /ws/chat/ that the app acts on. */
export type ChatEvent =
  | { type: "message"; conversation_id: number; message: Message }
  | { type: "read"; conversation_id: number; reader_id: number; read_at: string };
