// The one HTTP client of the app: openapi-fetch typed by the shared schema, so
// a path, its parameters and its answer are checked against the API.
// Every request carries the signed-in user's token and the app's language
// (errors come back in it, API.md v1.1).
import createClient from "openapi-fetch";
import { API_URL } from "@/config";
import type { Language, paths } from "@/api/types";

type Session = { token: string | null; language: Language };
const session: Session = { token: null, language: "en" };

/** Called by the account and language providers whenever either changes. */
export function setSession(next: Partial<Session>) {
  Object.assign(session, next);
}

export function authHeaders(): Record<string, string> {
  const headers: Record<string, string> = { "Accept-Language": session.language };
  if (session.token) headers.Authorization = `Token ${session.token}`;
  return headers;
}

export const api = createClient<paths>({
  baseUrl: API_URL,
  // Looked up at each call, not captured once: the test harness swaps fetch.
  fetch: (request) => globalThis.fetch(request),
});

api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    return request;
  },
});

/** Hears of the server refusing a token the app sent (revoked, lapsed): the account signs out (account/session.tsx). */
let tokenRefused: ((token: string) => void) | null = null;
export function onTokenRefused(listener: ((token: string) => void) | null) {
  tokenRefused = listener;
}

api.use({
  onResponse({ request, response }) {
    const sent = request.headers.get("Authorization");
    if (response.status === 401 && sent?.startsWith("Token ")) tokenRefused?.(sent.slice("Token ".length));
    return response;
  },
});

export type ErrorKind = "validation" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "unavailable" | "server" | "network";

const KINDS: Record<number, ErrorKind> = { 0: "network", 400: "validation", 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict", 429: "rate_limited", 503: "unavailable" };

export class ApiError extends Error {
  readonly kind: ErrorKind;
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`API answered ${status}`);
    this.name = "ApiError";
    this.kind = KINDS[status] ?? "server";
  }

  /** The messages the server wrote for the user, in their language: its `detail`, else every field's errors. */
  get messages(): string[] {
    if (typeof this.body !== "object" || this.body === null) return [];
    const { detail } = this.body as { detail?: unknown };
    if (typeof detail === "string") return [detail];
    return Object.values(this.body).flatMap((value) => (Array.isArray(value) ? value.map(String) : []));
  }

  /** The machine-readable reason of an error the app acts on (e.g. `price_unusual`), if any. */
  get code(): string | null {
    const code = (this.body as { code?: unknown } | null)?.code;
    return typeof code === "string" ? code : null;
  }

  fieldMessages(field: string): string[] {
    const value = (this.body as Record<string, unknown> | null)?.[field];
    return Array.isArray(value) ? value.map(String) : [];
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The answer's data, or an ApiError (status 0 when the network failed). */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, null);
  }
  if (!answer.response.ok) throw new ApiError(answer.response.status, answer.error ?? null);
  return answer.data as T;
}
