// Where the API is. EXPO_PUBLIC_API_URL is inlined by Expo when the app is
// built or served (README: a phone on the same network needs the computer's
// address). Without it, the browser build (`expo export --platform web`, the
// end-to-end tests') asks the origin that served it, behind which the API is;
// a phone or simulator, the local stack of `make run`.
import { Platform } from "react-native";

const fallback = Platform.OS === "web" && typeof window !== "undefined" ? window.location.origin : "http://localhost:8000";
export const API_URL = (process.env.EXPO_PUBLIC_API_URL ?? fallback).replace(/\/+$/, "");

/** The chat WebSocket (API.md, Messaging), on the API's host. */
export const CHAT_SOCKET_URL = `${API_URL.replace(/^http/, "ws")}/ws/chat/`;
