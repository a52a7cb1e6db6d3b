// Push notifications for alerts and messages: on sign-in the device asks for
// permission, gets its Expo push token and registers it with
// POST /api/v1/me/devices (with the app's language, so the server writes in
// it); on sign-out the registration is deleted while the API token still works.
// Simulators and refused permissions register nothing: the app works without.
import Constants from "expo-constants";
import * as Device from "expo-device";
import * as Notifications from "expo-notifications";
import * as SecureStore from "expo-secure-store";
import { Platform } from "react-native";
import { authHeaders } from "@/api/client";
import type { Device as RegisteredDevice, DeviceRegistration } from "@/api/types";
import { API_URL } from "@/config";
import { currentLanguage } from "@/i18n";

export const DEVICE_KEY = "sayara.device";
const DEVICES = `${API_URL}/api/v1/me/devices`;

// /me/devices is not in the generated schema yet, so openapi-fetch cannot type
// it: plain fetch with the same headers as every other call.
async function call(url: string, init: RequestInit): Promise<Response> {
  return globalThis.fetch(url, { ...init, headers: { ...authHeaders(), "Content-Type": "application/json" } });
}

export async function registerForPush(): Promise<RegisteredDevice | null> {
  if (!Device.isDevice || (Platform.OS !== "ios" && Platform.OS !== "android")) return null;
  let permission = await Notifications.getPermissionsAsync();
  if (!permission.granted && permission.canAskAgain) permission = await Notifications.requestPermissionsAsync();
  if (!permission.granted) return null;
  const projectId = Constants.expoConfig?.extra?.eas?.projectId as string | undefined;
  const { data: token } = await Notifications.getExpoPushTokenAsync(projectId ? { projectId } : undefined);
  const body: DeviceRegistration = { token, platform: Platform.OS, language: currentLanguage() };
  const response = await call(DEVICES, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) return null;
  const device = (await response.json()) as RegisteredDevice;
  await SecureStore.setItemAsync(DEVICE_KEY, String(device.id));
  return device;
}

export async function unregisterForPush(): Promise<void> {
  const id = await SecureStore.getItemAsync(DEVICE_KEY);
  if (!id) return;
  await call(`${DEVICES}/${id}`, { method: "DELETE" });
  await SecureStore.deleteItemAsync(DEVICE_KEY);
}

export const pushHooks = {
  onSignIn: async () => void (await registerForPush()),
  onSignOut: unregisterForPush,
};
