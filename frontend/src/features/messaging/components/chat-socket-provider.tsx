import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { addMessageToCache } from "@/features/messaging/api/get-messages";
import {
  ChatSocketContext,
  chatSocketUrl,
  reconnectDelay,
  type ChatSocket,
  type SocketStatus,
} from "@/features/messaging/hooks/use-chat-socket";
import type { ChatEvent, Message } from "@/features/messaging/types/messaging";
import { queryKeys } from "@/lib/query-keys";

const POLL_WHILE_OFFLINE_MS = 10_000;
// How long a socket must stay open to count as connected (a refusal comes sooner).
const SETTLE_MS = 300;

type RawEvent = { type?: unknown; conversation_id?: unknown; message?: Message; reader_id?: unknown; read_at?: unknown };

function parseEvent(data: unknown): ChatEvent | null {
  if (typeof data !== "string") return null;
  try {
    const event = JSON.parse(data) as RawEvent;
    if (event?.type === "message" && event.message && typeof event.message.id === "number") {
      const conversationId = typeof event.conversation_id === "number" ? event.conversation_id : event.message.conversation_id;
      return { type: "message", conversation_id: conversationId, message: { ...event.message, conversation_id: conversationId } };
    }
    if (event?.type === "read" && typeof event.conversation_id === "number") {
      return { type: "read", conversation_id: event.conversation_id, reader_id: Number(event.reader_id), read_at: String(event.read_at ?? "") };
    }
  } catch {
    // not ours; ignore
  }
  return null;
}

/**
 * One WebSocket per signed-in tab. Pushed messages go straight into the
 * thread cache; after a reconnect everything is refetched over REST so
 * nothing sent while we were away is missed.
 */
export function ChatSocketProvider({ userId, children }: { userId: number | undefined; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SocketStatus>("connecting");
  const socketRef = useRef<WebSocket | null>(null);

  useEffect(() => {
    if (userId === undefined || typeof WebSocket === "undefined") return;
    let stopped = false;
    let attempt = 0;
    let opened = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settling: ReturnType<typeof setTimeout> | undefined;

    const connect = () => {
      if (stopped) return;
      clearTimeout(timer);
      setStatus("connecting");
      const socket = new WebSocket(chatSocketUrl());
      socketRef.current = socket;
      // A busy server accepts, then closes at once with 1013: only a socket
      // that stays open counts (resets the back-off, refetches what was missed).
      socket.onopen = () => {
        settling = setTimeout(() => {
          attempt = 0;
          setStatus("open");
          if (opened) void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.all });
          opened = true;
        }, SETTLE_MS);
      };
      socket.onmessage = (event) => {
        const chat = parseEvent(event.data);
        if (!chat) return;
        if (chat.type === "message") addMessageToCache(queryClient, chat.message);
        // A new message, or a read receipt (this person read it in another tab): the counts change.
        void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.unread() });
      };
      socket.onclose = (event) => {
        clearTimeout(settling);
        if (socketRef.current === socket) socketRef.current = null;
        if (stopped) return;
        setStatus("closed");
        timer = setTimeout(connect, reconnectDelay(attempt, Math.random, event.code));
        attempt += 1;
      };
      socket.onerror = () => socket.close();
    };

    // Back online: do not wait for the backoff.
    const onOnline = () => {
      if (!socketRef.current) {
        attempt = 0;
        connect();
      }
    };

    connect();
    window.addEventListener("online", onOnline);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(settling);
      window.removeEventListener("online", onOnline);
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [userId, queryClient]);

  // While the socket is down, poll so messages still arrive, only later.
  // (Keyed on open/not open, so the connecting/closed flips of the backoff do not reset it.)
  const live = status === "open";
  useEffect(() => {
    if (live || userId === undefined) return;
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.all }), POLL_WHILE_OFFLINE_MS);
    return () => clearInterval(timer);
  }, [live, userId, queryClient]);

  const value = useMemo<ChatSocket>(
    () => ({
      status,
      send: (conversationId, body) => {
        const socket = socketRef.current;
        if (!socket || socket.readyState !== WebSocket.OPEN) return false;
        socket.send(JSON.stringify({ type: "send", conversation_id: conversationId, body }));
        return true;
      },
    }),
    [status],
  );

  return <ChatSocketContext.Provider value={value}>{children}</ChatSocketContext.Provider>;
}
