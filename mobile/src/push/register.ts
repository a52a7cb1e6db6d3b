// Push notifications for alerts and messages: on sign-in the device asks for
// permission, gets its Expo push token and registers it with
// POST /api/v1/me/devices (with the app's language, so the server writes in
// it); on sign-out the registration is deleted while the API token still works.
// Simulators and refused permissions register nothing: the app works without.
import Constants from "expo-constants";
import * as Device from "expo-device";
import * as Notifications from "expo-notifications";
import { Platform } from "react-native";
import { api, ok } from "@/api/client";
import type { Device as RegisteredDevice } from "@/api/types";
import { currentLanguage } from "@/i18n";
import * as SecureStore from "@/device/secure-store";

export const DEVICE_KEY = "sayara.device";

/** The registered device, or null where nothing can be pushed; a refused registration throws ApiError (the session ignores it). */
export async function registerForPush(): Promise<RegisteredDevice | null> {
  if (!Device.isDevice || (Platform.OS !== "ios" && Platform.OS !== "android")) return null;
  let permission = await Notifications.getPermissionsAsync();
  if (!permission.granted && permission.canAskAgain) permission = await Notifications.requestPermissionsAsync();
  if (!permission.granted) return null;
  const projectId = Constants.expoConfig?.extra?.eas?.projectId as string | undefined;
  const { data: token } = await Notifications.getExpoPushTokenAsync(projectId ? { projectId } : undefined);
  const device = await ok(api.POST("/api/v1/me/devices", { body: { token, platform: Platform.OS, language: currentLanguage() } }));
  await SecureStore.setItemAsync(DEVICE_KEY, String(device.id));
  return device;
}

export async function unregisterForPush(): Promise<void> {
  const id = await SecureStore.getItemAsync(DEVICE_KEY);
  if (!id) return;
  // Forgotten whatever the answer: a device the server no longer has (404) needs no deleting.
  await api.DELETE("/api/v1/me/devices/{device_id}", { params: { path: { device_id: Number(id) } } });
  await SecureStore.deleteItemAsync(DEVICE_KEY);
}

export const pushHooks = {
  onSignIn: async () => void (await registerForPush()),
  onSignOut: unregisterForPush,
};
