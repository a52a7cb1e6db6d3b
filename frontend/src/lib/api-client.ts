// The one HTTP client of the app. It speaks the contract in docs/API.md:
// JSON in and out, session cookie + CSRF header on unsafe methods, and typed
// errors carrying the status and the field errors of a 400 body.

const API_BASE = "/api/v1";

export type FieldErrors = Record<string, string[]>;

type ApiErrorKind =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unavailable"
  | "server"
  | "network";

function kindOf(status: number): ApiErrorKind {
  if (status === 0) return "network";
  if (status === 400) return "validation";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  return "server";
}

export class ApiError extends Error {
  readonly status: number;
  readonly kind: ApiErrorKind;
  readonly body: unknown;
  /** Seconds from `Retry-After` on a 429, when the server gave one. */
  readonly retryAfter: number | null;

  constructor(status: number, body: unknown, retryAfter: number | null = null) {
    super(ApiError.describe(status, body));
    this.name = "ApiError";
    this.status = status;
    this.kind = kindOf(status);
    this.body = body;
    this.retryAfter = retryAfter;
  }

  /** The `{"field": ["message", ...]}` part of a 400 body, without `detail`/`non_field_errors`. */
  get fieldErrors(): FieldErrors {
    if (!isRecord(this.body)) return {};
    const out: FieldErrors = {};
    for (const [key, value] of Object.entries(this.body)) {
      if (key === "detail" || key === "non_field_errors") continue;
      const messages = toMessages(value);
      if (messages.length) out[key] = messages;
    }
    return out;
  }

  /** The body's machine-readable `code` (e.g. "email_unverified" on a 403), if any. */
  get code(): string | null {
    return isRecord(this.body) && typeof this.body.code === "string" ? this.body.code : null;
  }

  /** Messages that belong to no single field: `non_field_errors` and `detail`. */
  get formErrors(): string[] {
    if (typeof this.body === "string") return this.body ? [this.body] : [];
    if (!isRecord(this.body)) return [];
    return [...toMessages(this.body.non_field_errors), ...toMessages(this.body.detail)];
  }

  private static describe(status: number, body: unknown): string {
    if (isRecord(body) && typeof body.detail === "string") return body.detail;
    return `HTTP ${status}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toMessages(value: unknown): string[] {
  if (value == null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(toMessages);
  if (isRecord(value)) return Object.values(value).flatMap(toMessages);
  return [String(value)];
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// ---------------------------------------------------------------- CSRF

const CSRF_COOKIE = "csrftoken";
let csrfRequest: Promise<void> | null = null;

function readCookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** GET /auth/csrf once, so Django sets the cookie we echo in X-CSRFToken. */
async function ensureCsrfToken(): Promise<string | null> {
  const existing = readCookie(CSRF_COOKIE);
  if (existing) return existing;
  csrfRequest ??= fetch(`${API_BASE}/auth/csrf`, { credentials: "same-origin" })
    .then(() => undefined)
    .finally(() => {
      csrfRequest = null;
    });
  await csrfRequest;
  return readCookie(CSRF_COOKIE);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// ---------------------------------------------------------------- 401 hook

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** The app registers where a 401 sends the person (the sign-in page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

// ---------------------------------------------------------------- requests

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = URLSearchParams | Record<string, QueryValue | QueryValue[]>;

type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  params?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** `text/csv` and friends: the answer comes back as text. */
  accept?: string;
  /** A 401 is an expected answer (e.g. "who am I?"): do not send to sign-in. */
  allowUnauthorized?: boolean;
  /** One per form submission, kept across its retries: the server creates at most one thing. */
  idempotencyKey?: string;
};

/** The app names itself on every request, so analytics count only visitors who ran the page. */
const CLIENT_HEADERS = { "X-Sayara-Client": "web" };

/** A fresh key for one submission of a create (docs/API.md, Idempotency-Key). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

function buildQuery(params?: QueryParams): string {
  if (!params) return "";
  const search = params instanceof URLSearchParams ? new URLSearchParams(params) : new URLSearchParams();
  if (!(params instanceof URLSearchParams)) {
    for (const [key, raw] of Object.entries(params)) {
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        if (value === undefined || value === null || value === "") continue;
        search.append(key, String(value));
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The API answers its messages in the language the app is shown in (<html lang>, lib/i18n.ts). */
function shownLanguage(): string {
  return document.documentElement.lang || "en";
}

async function unsafeHeaders(method: string): Promise<Record<string, string>> {
  if (SAFE_METHODS.has(method)) return {};
  const token = await ensureCsrfToken();
  return token ? { "X-CSRFToken": token } : {};
}

// ---------------------------------------------------------------- first answers

/**
 * Answers the server sent with the page (web/first_load.py: the catalog's, the same
 * for everyone), by API path. A query starts from one (`initialData`), so the first
 * page renders without waiting on that round trip; each is used once.
 */
let firstAnswers: Map<string, unknown> | null = null;

export function firstAnswer<T>(path: string): T | undefined {
  if (firstAnswers === null) {
    firstAnswers = new Map();
    const block = typeof document !== "undefined" ? document.getElementById("first-answers") : null;
    try {
      const parsed: unknown = block?.textContent ? JSON.parse(block.textContent) : {};
      if (isRecord(parsed)) firstAnswers = new Map(Object.entries(parsed));
    } catch {
      // a broken block only costs the round trips it meant to save
    }
  }
  const url = `${API_BASE}${path}`;
  const data = firstAnswers.get(url) as T | undefined;
  firstAnswers.delete(url);
  return data;
}

/** Read the page's first answers again (tests render many pages in one document). */
export function resetFirstAnswers(): void {
  firstAnswers = null;
}

async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: options.accept ?? "application/json",
    "Accept-Language": shownLanguage(),
    ...CLIENT_HEADERS,
    ...(await unsafeHeaders(method)),
    ...(options.idempotencyKey ? { "Idempotency-Key": options.idempotencyKey } : {}),
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQuery(options.params)}`, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, null);
  }

  const data = await readBody(response);
  if (!response.ok) {
    if (response.status === 401 && !options.allowUnauthorized) unauthorizedHandler?.();
    throw new ApiError(response.status, data, parseRetryAfter(response.headers.get("Retry-After")));
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "method" | "body">) =>
    apiRequest<T>(path, { ...options, method: "GET" }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    apiRequest<T>(path, { ...options, method: "POST", body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    apiRequest<T>(path, { ...options, method: "PUT", body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    apiRequest<T>(path, { ...options, method: "PATCH", body }),
  delete: <T = null>(path: string, options?: Omit<RequestOptions, "method" | "body">) =>
    apiRequest<T>(path, { ...options, method: "DELETE" }),
};

// ---------------------------------------------------------------- uploads

export type UploadOptions = {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  idempotencyKey?: string;
};

/**
 * Multipart upload through XMLHttpRequest, because fetch cannot report upload
 * progress. Same credentials, CSRF and error shape as `apiRequest`.
 */
export async function apiUpload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const token = await ensureCsrfToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_BASE}${path}`);
    xhr.withCredentials = false; // same origin: cookies go anyway
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", shownLanguage());
    for (const [name, value] of Object.entries(CLIENT_HEADERS)) xhr.setRequestHeader(name, value);
    if (token) xhr.setRequestHeader("X-CSRFToken", token);
    if (options.idempotencyKey) xhr.setRequestHeader("Idempotency-Key", options.idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown = xhr.responseText;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // keep the text
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(data as T);
      } else {
        if (xhr.status === 401) unauthorizedHandler?.();
        reject(new ApiError(xhr.status, data, parseRetryAfter(xhr.getResponseHeader("Retry-After"))));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException("Upload aborted", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(form);
  });
}
