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

/** 1 s, 2 s, 4 s … capped at 30 s, with jitter so clients do not reconnect in step. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.5 + random() / 2));
}
