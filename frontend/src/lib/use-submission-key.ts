import { useCallback, useRef } from "react";
import { newIdempotencyKey } from "@/lib/api-client";

/**
 * One Idempotency-Key per submission of a create form: sending the same thing
 * again after a failure (a lost answer, a timeout) reuses the key, so the
 * server creates it at most once; after a success, or with other content, the
 * next submission gets a new key.
 */
export function useSubmissionKey() {
  const last = useRef<{ content: string; key: string } | null>(null);
  const keyFor = useCallback((payload: unknown): string => {
    const content = JSON.stringify(payload);
    if (last.current?.content !== content) last.current = { content, key: newIdempotencyKey() };
    return last.current.key;
  }, []);
  const succeeded = useCallback(() => {
    last.current = null;
  }, []);
  return { keyFor, succeeded };
}
