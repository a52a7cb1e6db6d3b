import { createContext, useContext } from "react";

export type SocketStatus = "connecting" | "open" | "closed";

export type ChatSocket = {
  status: SocketStatus;
  /** Sends over the socket when it is open; returns false so the caller can use REST. */
  send: (conversationId: number, body: string) => boolean;
};

export const ChatSocketContext = createContext<ChatSocket>({ status: "closed", send: () => false });

export function useChatSocket(): ChatSocket {
  return useContext(ChatSocketContext);
}

/** Same origin as the page: ws:// beside http://, wss:// beside https://. */
export function chatSocketUrl(location: Pick<Location, "protocol" | "host"> = window.location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/chat/`;
}

/** The close code of a server too busy to take the socket now (docs/decisions/messaging.md). */
export const TRY_AGAIN_LATER = 1013;

/**
 * 1 s, 2 s, 4 s … capped at 30 s, with jitter so clients do not reconnect in step.
 * A server that said "try again later" (1013) is given 5 s, 10 s … up to 60 s.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, code?: number): number {
  const [first, cap] = code === TRY_AGAIN_LATER ? [5000, 60_000] : [1000, 30_000];
  const base = Math.min(cap, first * 2 ** attempt);
  return Math.round(base * (0.5 + random() / 2));
}
