// Where the API is. EXPO_PUBLIC_API_URL is inlined by Expo when the app is
// built or served (README: a phone on the same network needs the computer's
// address); without it, the local stack of `make run`.
export const API_URL = (process.env.EXPO_PUBLIC_API_URL ?? "http://localhost:8000").replace(/\/+$/, "");

/** The chat WebSocket (API.md, Messaging), on the API's host. */
export const CHAT_SOCKET_URL = `${API_URL.replace(/^http/, "ws")}/ws/chat/`;
