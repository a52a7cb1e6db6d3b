import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "@/lib/api-client";

/** Retry only what a retry can fix: network blips and 5xx other than 503. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!isApiError(error)) return false;
  return error.kind === "network" || error.kind === "server";
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
