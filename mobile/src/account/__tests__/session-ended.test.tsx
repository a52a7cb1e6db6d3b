import { act, fireEvent, screen, waitFor } from "@testing-library/react-native";
import * as SecureStore from "expo-secure-store";
import { AppState } from "react-native";
import { TOKEN_KEY } from "@/account/session";
import { conversation, device, message, searchAnswer, signedIn, user } from "@/testing/fixtures";
import { reply, type Handlers } from "@/testing/fake-api";
import { FakeWebSocket } from "@/testing/fake-socket";
import { renderApp } from "@/testing/render";

// The app is in front, where a dropped socket connects again (jest's AppState mock has no state of its own).
const mocked = Object.getOwnPropertyDescriptor(AppState, "currentState")!;
beforeEach(() => Object.defineProperty(AppState, "currentState", { value: "active", configurable: true }));
afterEach(() => Object.defineProperty(AppState, "currentState", mocked));

/** The server as one phone sees it: `revoked` tokens are refused (401) everywhere. */
function server() {
  const revoked = new Set<string>();
  const refused = (headers: Headers) => revoked.has(headers.get("Authorization") ?? "");
  const page = <T,>(results: T[]) => ({ count: results.length, page: 1, page_size: 20, results });
  const handlers: Handlers = {
    "/api/v1/search/listings": { get: () => ({ status: 200, body: searchAnswer() }) },
    "/api/v1/me/unread": { get: ({ headers }) => (refused(headers) ? reply(401, { detail: "Invalid token." }) : reply(200, { unread_count: 0, conversations_with_unread: 0 })) },
    "/api/v1/me": { get: ({ headers }) => (refused(headers) ? reply(401, { detail: "Invalid token." }) : reply(200, user({ display_name: "Sara" }))) },
    "/api/v1/conversations": { get: ({ headers }) => (refused(headers) ? reply(401, { detail: "Invalid token." }) : reply(200, page([conversation()]))) },
    "/api/v1/me/devices": { post: () => ({ status: 201, body: device() }) },
    "/api/v1/me/devices/{device_id}": { delete: () => ({ status: 204, body: null }) },
    "/api/v1/auth/token": { post: () => ({ status: 200, body: signedIn({ token: "key-2" }) }) },
  };
  return { handlers, revoke: (token: string) => revoked.add(`Token ${token}`) };
}

test("a chat socket the server closes with 4401 signs the app out and says why; it does not reconnect; signing in again clears it", async () => {
  const { handlers, revoke } = server();
  const { api } = await renderApp({ token: "key-1", handlers });
  fireEvent.press(await screen.findByRole("button", { name: "Messages" }));
  expect(await screen.findByText("Toyota Camry 2019")).toBeTruthy();
  await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));

  // Signed out from another phone: the server closes this phone's socket.
  revoke("key-1");
  await FakeWebSocket.latest().closedByServer(4401);
  expect(await screen.findByText("You were signed out: this phone's sign-in was ended from another device or by a new password. Sign in again to continue.")).toBeTruthy();
  expect(screen.queryByText("Toyota Camry 2019")).toBeNull();
  expect(await SecureStore.getItemAsync(TOKEN_KEY)).toBeNull();
  // No retry with the dead token, and no unregistering of the push device the server already dropped.
  await act(() => new Promise((resolve) => setTimeout(resolve, 1500)));
  expect(FakeWebSocket.all).toHaveLength(1);
  expect(api.requests.filter((request) => request.method === "DELETE")).toHaveLength(0);

  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
  fireEvent.changeText(await screen.findByLabelText("E-mail"), "sara@example.com");
  fireEvent.changeText(screen.getByLabelText("Password"), "right password");
  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByText("Toyota Camry 2019")).toBeTruthy();
  expect(screen.queryByText(/You were signed out/)).toBeNull();
  expect(await SecureStore.getItemAsync(TOKEN_KEY)).toBe("key-2");
});

test("signed out by the server inside a conversation, the screen asks to sign in again instead of failing", async () => {
  const { handlers, revoke } = server();
  await renderApp({
    token: "key-1",
    handlers: {
      ...handlers,
      "/api/v1/conversations/{conversation_id}": { get: () => ({ status: 200, body: conversation() }) },
      "/api/v1/conversations/{conversation_id}/messages": { get: () => ({ status: 200, body: { count: 1, page: 1, page_size: 50, results: [message()] } }) },
      "/api/v1/conversations/{conversation_id}/read": { post: () => ({ status: 204, body: null }) },
    },
  });
  fireEvent.press(await screen.findByRole("button", { name: "Messages" }));
  fireEvent.press(await screen.findByText("Toyota Camry 2019"));
  expect(await screen.findByText("Yes, still available.")).toBeTruthy();
  revoke("key-1");
  await FakeWebSocket.latest().closedByServer(4401);
  expect(await screen.findByText(/You were signed out/)).toBeTruthy();
  expect(screen.queryByText("Yes, still available.")).toBeNull();
  expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
});

test("in Arabic, a token the API refuses (401) signs the app out with the reason in Arabic", async () => {
  const { handlers, revoke } = server();
  revoke("key-1");
  await renderApp({ token: "key-1", handlers, language: "ar" });
  fireEvent.press(await screen.findByRole("button", { name: "الحساب" }));
  expect(await screen.findByText("تم تسجيل خروجك: أُنهي دخول هذا الهاتف من جهاز آخر أو بكلمة مرور جديدة. سجّل الدخول مجدداً للمتابعة.")).toBeTruthy();
  expect(screen.getByRole("button", { name: "تسجيل الدخول" })).toBeTruthy();
  expect(await SecureStore.getItemAsync(TOKEN_KEY)).toBeNull();
});

test("a socket dropped for any other reason connects again with the same token", async () => {
  const { handlers } = server();
  await renderApp({ token: "key-1", handlers });
  await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
  await FakeWebSocket.latest().closedByServer(1006);
  await waitFor(() => expect(FakeWebSocket.all).toHaveLength(2));
  expect(FakeWebSocket.latest().options.headers).toEqual({ Authorization: "Token key-1" });
  expect(await SecureStore.getItemAsync(TOKEN_KEY)).toBe("key-1");
});
