// The live chat: one WebSocket per signed-in user on ws/chat/, authenticated
// by the token in the handshake's Authorization header (React Native's
// WebSocket takes headers; browsers cannot, the web app uses its cookie).
// Each pushed message lands in the caches the screens read, so a conversation,
// its list and the unread badge change without a refetch. Lost connections
// come back with a growing delay, and a new connection refetches what it missed.
// A socket the server closes with 4401 has a revoked token: the app signs out.
// Sending goes through POST …/messages: an acknowledged write with its errors.
// The browser build (the end-to-end tests' vehicle) opens no socket: a browser
// cannot send the token's header, so its screens show what they fetch.
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, type ReactNode } from "react";
import { AppState, Platform } from "react-native";
import type { Message } from "@/api/types";
import { useAccount } from "@/account/session";
import { CHAT_SOCKET_URL } from "@/config";

type Pushed = { type: "message"; conversation_id: number; message: Message };

/** The server's close code for a token it no longer takes (docs/API-notes/mobile.md): no retry. */
export const CLOSE_SIGNED_OUT = 4401;

/** React Native's WebSocket takes handshake headers as a third argument (the DOM typings, in scope too, do not). */
type NativeWebSocket = new (url: string, protocols: string | string[] | null, options: { headers: Record<string, string> }) => WebSocket;

export function openChatSocket(token: string): WebSocket {
  return new (WebSocket as unknown as NativeWebSocket)(CHAT_SOCKET_URL, null, { headers: { Authorization: `Token ${token}` } });
}

function isPushed(data: unknown): data is Pushed {
  return typeof data === "object" && data !== null && (data as Pushed).type === "message" && typeof (data as Pushed).message === "object";
}

/** A pushed message, merged into the thread it belongs to; lists and badges refetch. */
export function receive(queryClient: QueryClient, pushed: Pushed) {
  queryClient.setQueryData<Message[]>(["messages", pushed.conversation_id], (thread) =>
    thread && !thread.some((message) => message.id === pushed.message.id) ? [pushed.message, ...thread] : thread,
  );
  void queryClient.invalidateQueries({ queryKey: ["conversations"] });
  void queryClient.invalidateQueries({ queryKey: ["unread"] });
}

export function ChatSocketProvider({ children }: { children: ReactNode }) {
  const { token, endSession } = useAccount();
  const queryClient = useQueryClient();
  const socket = useRef<WebSocket | null>(null);

  useEffect(() => {
    if (!token || Platform.OS === "web") return;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    const connect = () => {
      const ws = openChatSocket(token);
      socket.current = ws;
      ws.onopen = () => {
        delay = 1000;
        // Whatever arrived while disconnected.
        void queryClient.invalidateQueries({ queryKey: ["messages"] });
        void queryClient.invalidateQueries({ queryKey: ["conversations"] });
        void queryClient.invalidateQueries({ queryKey: ["unread"] });
      };
      ws.onmessage = (event) => {
        try {
          const data: unknown = JSON.parse(String(event.data));
          if (isPushed(data)) receive(queryClient, data);
        } catch {
          // not ours: ignored
        }
      };
      ws.onclose = (event) => {
        if (socket.current === ws) socket.current = null;
        if (closed) return;
        if (event.code === CLOSE_SIGNED_OUT) {
          closed = true;
          void endSession(token);
          return;
        }
        if (AppState.currentState !== "active") return;
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30_000);
      };
    };
    connect();
    // In the background the OS drops sockets; back in front, connect again.
    const subscription = AppState.addEventListener("change", (state) => {
      if (state === "active" && !socket.current) connect();
    });
    return () => {
      closed = true;
      clearTimeout(retry);
      subscription.remove();
      socket.current?.close();
      socket.current = null;
    };
  }, [token, queryClient, endSession]);

  return children;
}
