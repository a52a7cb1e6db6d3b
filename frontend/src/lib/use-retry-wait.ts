import { useEffect, useState } from "react";
import { isApiError } from "@/lib/api-client";

/**
 * True while a 429's Retry-After has not passed yet: what asked too often
 * (a send button) waits, and comes back by itself when the time is up.
 */
export function useRetryWait(error: unknown): boolean {
  const seconds = isApiError(error) && error.kind === "rate_limited" ? error.retryAfter : null;
  const [elapsed, setElapsed] = useState<unknown>(null);
  useEffect(() => {
    if (!seconds) return;
    const timer = setTimeout(() => setElapsed(error), seconds * 1000);
    return () => clearTimeout(timer);
  }, [error, seconds]);
  return Boolean(seconds) && elapsed !== error;
}
