import { http, HttpResponse } from "msw";
import { act, screen, waitFor, within } from "@testing-library/react";
import { reconnectDelay, TRY_AGAIN_LATER } from "@/features/messaging/hooks/use-chat-socket";
import { buyer } from "@/testing/mocks/db";
import { chat, state } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

const fromSeller = (id: number, body: string) => ({
  id,
  conversation_id: 9,
  sender_id: 7,
  body,
  created_at: `2026-11-26T10:0${id % 10}:00+03:00`,
  read_at: null,
  warnings: [],
});

const thread = () => screen.findByRole("list", { name: "Messages in this conversation" });

describe("messages", () => {
  it("renders message bodies as plain text, never as HTML", async () => {
    state.messages = [fromSeller(1, '<img src=x onerror="alert(1)"><b>bold</b>')];
    renderApp("/messages/9", { user: buyer });
    expect(await within(await thread()).findByText('<img src=x onerror="alert(1)"><b>bold</b>')).toBeInTheDocument();
    expect(document.querySelector(".message-list img")).toBeNull();
    expect(document.querySelector(".message-list b")).toBeNull();
  });

  it("marks the thread read when it is opened", async () => {
    state.messages = [fromSeller(1, "Still available, yes.")];
    renderApp("/messages/9", { user: buyer });
    await within(await thread()).findByText("Still available, yes.");
    await waitFor(() => expect(state.requests.some((request) => request.url.endsWith("/conversations/9/read"))).toBe(true));
  });

  it("shows a message pushed over the WebSocket at once", async () => {
    renderApp("/messages/9", { user: buyer });
    await screen.findByText("Live");
    act(() => {
      chat.broadcast(JSON.stringify({ type: "message", conversation_id: 9, message: fromSeller(2, "Come see it today?") }));
    });
    expect(await within(await thread()).findByText("Come see it today?")).toBeInTheDocument();
  });

  it("reconnects after the socket drops and catches up through REST", async () => {
    const clients: { close: () => void }[] = [];
    server.use(
      chat.addEventListener("connection", ({ client }) => {
        clients.push(client);
      }),
    );
    renderApp("/messages/9", { user: buyer });
    await screen.findByText("Live");
    act(() => clients[0].close());
    expect(await screen.findByText("Reconnecting…")).toBeInTheDocument();
    // Sent while we were away: only REST knows about it.
    state.messages.push(fromSeller(3, "Sent while you were offline"));
    expect(await within(await thread()).findByText("Sent while you were offline", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText("Live")).toBeInTheDocument();
  });

  it("sends with Enter and shows the sent message", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    const box = await screen.findByLabelText("Write a message");
    await user.type(box, "Is the price negotiable?{Enter}");
    expect(await within(await thread()).findByText("Is the price negotiable?")).toBeInTheDocument();
    expect(box).toHaveValue("");
    expect(state.requests.find((request) => request.url.endsWith("/conversations/9/messages"))?.body).toEqual({ body: "Is the price negotiable?" });
  });

  it("names the other person from the conversation's other_participant", async () => {
    renderApp("/messages/9", { user: buyer });
    expect(await screen.findByRole("heading", { level: 2, name: "Ali Motors" })).toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Conversations" })).getByText("Ali Motors")).toBeInTheDocument();
  });

  it("shows unread counts in the inbox and the header", async () => {
    state.messages = [fromSeller(1, "Hello"), fromSeller(2, "Are you there?")];
    renderApp("/messages", { user: buyer });
    await waitFor(() => expect(screen.getAllByLabelText("2 unread messages")).toHaveLength(2));
  });
});

describe("reconnect backoff", () => {
  it("doubles from 1 s up to 30 s, with jitter", () => {
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(3, () => 1)).toBe(8000);
    expect(reconnectDelay(10, () => 1)).toBe(30000);
    expect(reconnectDelay(2, () => 0)).toBe(2000);
  });

  it("waits longer when the server said try again later (1013)", () => {
    expect(reconnectDelay(0, () => 1, TRY_AGAIN_LATER)).toBe(5000);
    expect(reconnectDelay(2, () => 1, TRY_AGAIN_LATER)).toBe(20000);
    expect(reconnectDelay(10, () => 1, TRY_AGAIN_LATER)).toBe(60000);
    expect(reconnectDelay(0, () => 1, 1006)).toBe(1000);
  });
});

describe("unread badge", () => {
  it("counts every unread message from /me/unread, not only the inbox's first page", async () => {
    server.use(http.get("*/api/v1/me/unread", () => HttpResponse.json({ unread_count: 140, conversations_with_unread: 31 })));
    renderApp("/", { user: buyer });
    const messages = await screen.findByRole("link", { name: /^Messages/ });
    expect(await within(messages).findByRole("img", { name: "140 unread messages" })).toHaveTextContent("99+");
  });

  it("asks again when another tab reads a conversation", async () => {
    renderApp("/messages/9", { user: buyer });
    await screen.findByText("Live");
    await waitFor(() => expect(state.requests.filter((request) => request.url.endsWith("/me/unread")).length).toBeGreaterThan(0));
    const before = state.requests.filter((request) => request.url.endsWith("/me/unread")).length;
    act(() => {
      chat.broadcast(JSON.stringify({ type: "read", conversation_id: 9, reader_id: buyer.id, read_at: "2026-11-26T10:00:00+03:00" }));
    });
    await waitFor(() => expect(state.requests.filter((request) => request.url.endsWith("/me/unread")).length).toBe(before + 1));
  });
});
