// The API as tests see it: handlers keyed by the schema's own paths and
// methods, each answering a status and body the schema allows for that
// operation (tsc checks every fixture against the backend's OpenAPI). It
// stands in for fetch and for XMLHttpRequest (photo uploads report progress),
// and records every request so a test can check what the app sent.
import type { paths } from "@/api/types";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Json<R> = R extends { content: { "application/json": infer Body } } ? Body : null;
type Answer<Operation> = Operation extends { responses: infer Responses }
  ? { [Status in keyof Responses]: { status: Status; body: Json<Responses[Status]> } }[keyof Responses]
  : never;

export type FakeRequest = {
  method: string;
  path: string;
  /** The path's {parameters}, e.g. { listing_id: "7" }. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed JSON, or the FormData / raw body as sent. */
  body: unknown;
};

type Handler<Operation> = (request: FakeRequest) => Answer<Operation> | Promise<Answer<Operation>>;

export type Handlers = {
  [Path in keyof paths]?: { [M in Method as paths[Path][M] extends object ? M : never]?: Handler<paths[Path][M]> };
};

type Route = { pattern: RegExp; names: string[]; methods: Partial<Record<Method, (request: FakeRequest) => unknown>> };

function compile(handlers: Record<string, Route["methods"]>): Route[] {
  return Object.entries(handlers).map(([template, methods]) => {
    const names: string[] = [];
    const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    return { pattern: new RegExp(`^${source}/?$`), names, methods };
  });
}

export class FakeApi {
  readonly requests: FakeRequest[] = [];
  private routes: Route[] = [];

  constructor(handlers: Handlers = {}) {
    this.use(handlers);
  }

  /** Adds or replaces handlers (the newest match wins). */
  use(handlers: Handlers) {
    this.routes = [...compile(handlers as Record<string, Route["methods"]>), ...this.routes];
  }

  /** Requests to a path (exact, without the query), optionally of one method. */
  sent(path: string, method?: string): FakeRequest[] {
    return this.requests.filter((request) => request.path === path && (!method || request.method === method.toUpperCase()));
  }

  async answer(method: string, url: string, headers: Headers, body: unknown): Promise<{ status: number; body: unknown }> {
    const { pathname, searchParams } = new URL(url);
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      const handler = match && route.methods[method.toLowerCase() as Method];
      if (!match || !handler) continue;
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
      const request: FakeRequest = { method, path: pathname, params, query: searchParams, headers, body };
      this.requests.push(request);
      return (await handler(request)) as { status: number; body: unknown };
    }
    throw new Error(`The fake API has no handler for ${method} ${pathname}`);
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as sent
    }
    const answer = await this.answer(request.method, request.url, request.headers, body);
    const empty = answer.body === null || answer.status === 204;
    return new Response(empty ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: empty ? {} : { "Content-Type": "application/json" },
    });
  };

  /** An XMLHttpRequest that the app's uploads use, answered by the same handlers. */
  xhr(): typeof XMLHttpRequest {
    const fake = this;
    class FakeXhr extends TestXhr {
      send(body: unknown) {
        void (async () => {
          // Part of the body is sent while the handler is at work (a test can hold it to see the progress).
          this.upload.onprogress?.({ loaded: 40, total: 100, lengthComputable: true });
          try {
            const answer = await fake.answer(this.method, this.url, this.headers, body);
            this.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true });
            this.status = answer.status;
            this.responseText = answer.body === null ? "" : JSON.stringify(answer.body);
            this.onload?.();
          } catch {
            this.onerror?.();
          }
        })();
      }
    }
    return FakeXhr as unknown as typeof XMLHttpRequest;
  }
}

/** What the app's uploads use of XMLHttpRequest; a test's stand-in adds `send`. */
export abstract class TestXhr {
  status = 0;
  responseText = "";
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  protected method = "GET";
  protected url = "";
  protected headers = new Headers();
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.set(name, value);
  }
  abstract send(body: unknown): void;
}

/**
 * An answer for handlers that choose between statuses: written as one call,
 * so TypeScript keeps each branch's body as it is (it widens object literals
 * of a conditional with `?: undefined` keys, which no schema shape accepts).
 */
export function reply<Status extends number, Body>(status: Status, body: Body): { status: Status; body: Body } {
  return { status, body };
}
