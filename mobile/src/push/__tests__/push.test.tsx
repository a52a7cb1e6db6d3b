import { fireEvent, screen, waitFor } from "@testing-library/react-native";
import * as Notifications from "expo-notifications";
import * as SecureStore from "expo-secure-store";
import { Platform } from "react-native";
import { DEVICE_KEY } from "@/push/register";
import { device, searchAnswer, signedIn, user } from "@/testing/fixtures";
import type { Handlers } from "@/testing/fake-api";
import { renderApp } from "@/testing/render";

const handlers: Handlers = {
  "/api/v1/search/listings": { get: () => ({ status: 200, body: searchAnswer() }) },
  "/api/v1/me/unread": { get: () => ({ status: 200, body: { unread_count: 0, conversations_with_unread: 0 } }) },
  "/api/v1/me": { get: () => ({ status: 200, body: user() }) },
  "/api/v1/auth/token": { post: () => ({ status: 200, body: signedIn() }) },
  "/api/v1/me/devices": { post: () => ({ status: 201, body: device() }) },
  "/api/v1/me/devices/{device_id}": { delete: () => ({ status: 204, body: null }) },
};

async function signIn() {
  fireEvent.press(await screen.findByRole("button", { name: "Account" }));
  fireEvent.press(await screen.findByLabelText("Sign in"));
  fireEvent.changeText(await screen.findByLabelText("E-mail"), "sara@example.com");
  fireEvent.changeText(screen.getByLabelText("Password"), "a long passphrase");
  fireEvent.press(screen.getByRole("button", { name: "Sign in" }));
  await screen.findByText("Signed in as Sara");
}

test("signing in registers the phone's Expo push token with the user's language; signing out removes it", async () => {
  const { api } = await renderApp({ handlers, language: "ar" });
  fireEvent.press(await screen.findByRole("button", { name: "الحساب" }));
  fireEvent.press(await screen.findByLabelText("English"));
  await signIn();

  await waitFor(() => expect(api.sent("/api/v1/me/devices", "POST")).toHaveLength(1));
  const [registered] = api.sent("/api/v1/me/devices", "POST");
  expect(registered.body).toEqual({ token: "ExponentPushToken[test-device]", platform: Platform.OS, language: "en" });
  expect(registered.headers.get("Authorization")).toBe("Token key-1");
  expect(await SecureStore.getItemAsync(DEVICE_KEY)).toBe("11");

  fireEvent.press(screen.getByLabelText("Sign out"));
  await waitFor(() => expect(api.sent("/api/v1/me/devices/11", "DELETE")).toHaveLength(1));
  expect(api.sent("/api/v1/me/devices/11", "DELETE")[0].headers.get("Authorization")).toBe("Token key-1");
  expect(await SecureStore.getItemAsync(DEVICE_KEY)).toBeNull();
});

test("a user who refuses notifications is signed in all the same, and no device is registered", async () => {
  (Notifications.getExpoPushTokenAsync as jest.Mock).mockClear();
  (Notifications.getPermissionsAsync as jest.Mock).mockResolvedValueOnce({ granted: false, canAskAgain: false });
  const { api } = await renderApp({ handlers });
  await signIn();
  expect(api.sent("/api/v1/me/devices")).toHaveLength(0);
  expect(Notifications.getExpoPushTokenAsync).not.toHaveBeenCalled();
});
