import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "@/lib/api-client";

/** A 429 asking us to wait this long or less is retried once, after the wait. */
const MAX_RETRY_AFTER_SECONDS = 10;

/** Retry only what a retry can fix: network blips, 5xx other than 503, a short 429. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.kind === "rate_limited") return failureCount < 1 && (error.retryAfter ?? Infinity) <= MAX_RETRY_AFTER_SECONDS;
  if (failureCount >= 2) return false;
  return error.kind === "network" || error.kind === "server";
}

/** Wait what Retry-After says; otherwise back off 1 s, 2 s, 4 s… */
export function retryDelay(failureCount: number, error: unknown): number {
  if (isApiError(error) && error.kind === "rate_limited" && error.retryAfter !== null) return error.retryAfter * 1000;
  return Math.min(1000 * 2 ** failureCount, 30_000);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        retryDelay,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
