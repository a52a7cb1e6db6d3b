import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import { reloadAppAsync } from "expo";
import * as SecureStore from "expo-secure-store";
import { I18nManager } from "react-native";
import { TOKEN_KEY } from "@/account/session";
import { searchAnswer, signedIn, user } from "@/testing/fixtures";
import { reply, type Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

const base: Handlers = {
  "/api/v1/search/listings": { get: () => ({ status: 200, body: searchAnswer() }) },
  "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
  "/api/v1/me": { get: ({ headers }) => (headers.get("Authorization") === "Token key-1" ? reply(200, user({ display_name: "Sara" })) : reply(401, { detail: "Not signed in." })) },
};

async function openAccountTab() {
  fireEvent.press(await screen.findByRole("button", { name: "Account" }));
}

test("a new user registers, is signed in with a token kept in secure storage, and is told to verify the e-mail", async () => {
  const { api } = await renderApp({
    handlers: {
      ...base,
      "/api/v1/auth/register": {
        post: ({ body }) =>
          (body as { password: string }).password.length < 8
            ? reply(400, { password: ["This password is too short. It must contain at least 8 characters."] })
            : reply(202, { detail: "Check your e-mail.", email: "sara@example.com" }),
      },
      "/api/v1/auth/token": { post: () => ({ status: 200, body: signedIn() }) },
    },
  });
  await openAccountTab();
  fireEvent.press(await screen.findByLabelText("Create an account"));
  fireEvent.press(await screen.findByRole("button", { name: "Create an account" }));
  expect(await screen.findByText("Enter your name.")).toBeTruthy();
  expect(api.sent("/api/v1/auth/register")).toHaveLength(0);

  fireEvent.changeText(screen.getByLabelText("Your name"), "Sara");
  fireEvent.changeText(screen.getByLabelText("E-mail"), "Sara@Example.com ");
  fireEvent.changeText(screen.getByLabelText("Password"), "short");
  fireEvent.press(screen.getByRole("button", { name: "Create an account" }));
  expect(await screen.findByText("This password is too short. It must contain at least 8 characters.")).toBeTruthy();

  fireEvent.changeText(screen.getByLabelText("Password"), "a long passphrase");
  fireEvent.press(screen.getByRole("button", { name: "Create an account" }));
  expect(await screen.findByText("We sent a link to sara@example.com: open it to publish cars and send messages.")).toBeTruthy();
  expect(await SecureStore.getItemAsync(TOKEN_KEY)).toBe("key-1");
  expect(api.sent("/api/v1/auth/register")[0].body).toMatchObject({ email: "Sara@Example.com", display_name: "Sara", preferred_language: "en" });
  expect(api.sent("/api/v1/auth/token")[0].body).toEqual({ email: "Sara@Example.com", password: "a long passphrase", name: "Sara's iPhone" });
});

test("signing in with a wrong password shows the server's words; the right one signs in; signing out forgets the token", async () => {
  await renderApp({
    handlers: {
      ...base,
      "/api/v1/auth/token": {
        post: ({ body }) =>
          (body as { password: string }).password === "right password"
            ? reply(200, signedIn())
            : reply(400, { non_field_errors: ["Unable to sign in with the e-mail and password given."] }),
      },
    },
  });
  await openAccountTab();
  fireEvent.press(await screen.findByLabelText("Sign in"));
  fireEvent.changeText(await screen.findByLabelText("E-mail"), "sara@example.com");
  fireEvent.changeText(screen.getByLabelText("Password"), "wrong");
  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByText("Unable to sign in with the e-mail and password given.")).toBeTruthy();

  fireEvent.changeText(screen.getByLabelText("Password"), "right password");
  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByText("Signed in as Sara")).toBeTruthy();
  expect(await SecureStore.getItemAsync(TOKEN_KEY)).toBe("key-1");

  fireEvent.press(screen.getByLabelText("Sign out"));
  expect(await screen.findByLabelText("Sign in")).toBeTruthy();
  expect(await SecureStore.getItemAsync(TOKEN_KEY)).toBeNull();
});

test("the token kept on the phone signs the user in when the app starts again", async () => {
  await renderApp({ handlers: base, token: "key-1" });
  await openAccountTab();
  expect(await screen.findByText("Signed in as Sara")).toBeTruthy();
});

test("choosing Arabic shows the app in Arabic, right to left, and is remembered at the next start", async () => {
  const forceRTL = jest.spyOn(I18nManager, "forceRTL");
  const first = await renderApp({ handlers: base });
  await openAccountTab();
  fireEvent.press(await screen.findByLabelText("العربية"));
  expect(await screen.findByText("اللغة")).toBeTruthy();
  expect(screen.getByRole("button", { name: "تسجيل الدخول" })).toBeTruthy();
  expect(forceRTL).toHaveBeenCalledWith(true);
  expect(reloadAppAsync).toHaveBeenCalled();
  first.unmount();

  const { api } = await renderApp({ handlers: base, restart: true });
  expect(await screen.findByPlaceholderText("ابحث عن سيارة: مثل كامري 2019 أقل من 8000")).toBeTruthy();
  await waitFor(() => expect(api.sent("/api/v1/search/listings")[0]?.headers.get("Accept-Language")).toBe("ar"));
});
