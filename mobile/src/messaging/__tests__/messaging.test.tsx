import { act, fireEvent, screen, waitFor, within } from "@testing-library/react-native";
import { AppState } from "react-native";
import { conversation, message, searchAnswer } from "@/testing/fixtures";
import type { Message } from "@/api/types";
import { renderApp } from "@/testing/render";
import { FakeWebSocket } from "@/testing/fake-socket";

/** The server's side of one conversation: its messages and unread count change as a test goes. */
function chat() {
  const state = { unread: 1, thread: [message({ id: 1, body: "Yes, still available." })] as Message[] };
  const page = <T,>(results: T[]) => ({ count: results.length, page: 1, page_size: 50, results });
  return {
    state,
    handlers: {
      "/api/v1/search/listings": { get: () => ({ status: 200 as const, body: searchAnswer() }) },
      "/api/v1/me/unread": { get: () => ({ status: 200 as const, body: { unread_count: state.unread, conversations_with_unread: state.unread ? 1 : 0 } }) },
      "/api/v1/conversations": { get: () => ({ status: 200 as const, body: page([conversation({ unread_count: state.unread, last_message: state.thread[0] })]) }) },
      "/api/v1/conversations/{conversation_id}": { get: () => ({ status: 200 as const, body: conversation({ unread_count: state.unread }) }) },
      "/api/v1/conversations/{conversation_id}/messages": {
        get: () => ({ status: 200 as const, body: page(state.thread) }),
        post: ({ body }: { body: unknown }) => {
          const sent = message({ id: state.thread.length + 1, sender_id: 5, body: (body as { body: string }).body });
          state.thread = [sent, ...state.thread];
          return { status: 201 as const, body: sent };
        },
      },
      "/api/v1/conversations/{conversation_id}/read": {
        post: () => {
          state.unread = 0;
          return { status: 204 as const, body: null };
        },
      },
    },
  };
}

test("the chat socket opens with the token in its handshake header, and a pushed message raises the unread badge", async () => {
  const server = chat();
  await renderApp({ token: "key-1", handlers: server.handlers });
  const messagesTab = await screen.findByRole("button", { name: "Messages, 1 unread" });
  expect(within(messagesTab).getByText("1")).toBeTruthy();

  await waitFor(() => expect(FakeWebSocket.all.length).toBeGreaterThan(0));
  const socket = FakeWebSocket.latest();
  expect(socket.url).toBe("ws://localhost:8000/ws/chat/");
  expect(socket.options.headers).toEqual({ Authorization: "Token key-1" });

  server.state.unread = 2;
  const pushed = message({ id: 2, body: "I can show it tomorrow." });
  server.state.thread = [pushed, ...server.state.thread];
  await socket.push({ type: "message", conversation_id: 3, message: pushed });
  expect(await screen.findByRole("button", { name: "Messages, 2 unread" })).toBeTruthy();
});

test("opening a conversation shows its messages, marks them read and sends a reply", async () => {
  const server = chat();
  const { api } = await renderApp({ token: "key-1", handlers: server.handlers });
  fireEvent.press(await screen.findByRole("button", { name: "Messages, 1 unread" }));
  fireEvent.press(await screen.findByText("Toyota Camry 2019"));
  expect(await screen.findByText("Yes, still available.")).toBeTruthy();
  await waitFor(() => expect(api.sent("/api/v1/conversations/3/read", "POST")).toHaveLength(1));

  fireEvent.changeText(screen.getByLabelText("Write a message"), "Tomorrow at 5 works.");
  fireEvent.press(screen.getByRole("button", { name: "Send" }));
  expect(await screen.findByText("Tomorrow at 5 works.")).toBeTruthy();
  expect(api.sent("/api/v1/conversations/3/messages", "POST")[0].body).toEqual({ body: "Tomorrow at 5 works." });

  // A message pushed while the conversation is open appears in it.
  await socket().push({ type: "message", conversation_id: 3, message: message({ id: 9, body: "See you then." }) });
  expect(await screen.findByText("See you then.")).toBeTruthy();
});

test("back from the background, the app catches up on what it missed", async () => {
  const server = chat();
  await renderApp({ token: "key-1", handlers: server.handlers });
  await screen.findByRole("button", { name: "Messages, 1 unread" });
  await waitFor(() => expect(socket().readyState).toBe(FakeWebSocket.OPEN));
  server.state.unread = 3;
  // Nothing pushed: the badge stays until the app comes back to the front.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.getByRole("button", { name: "Messages, 1 unread" })).toBeTruthy();
  const listeners = (AppState.addEventListener as jest.Mock).mock.calls.filter(([event]) => event === "change").map(([, listener]) => listener as (state: string) => void);
  await act(async () => {
    for (const state of ["background", "active"]) for (const listener of listeners) listener(state);
  });
  expect(await screen.findByRole("button", { name: "Messages, 3 unread" })).toBeTruthy();
});

const socket = () => FakeWebSocket.latest();
