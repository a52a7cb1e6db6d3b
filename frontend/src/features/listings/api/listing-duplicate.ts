import { isApiError } from "@/lib/api-client";

/**
 * A 400 `listing_duplicate`: the seller already has an active listing that looks
 * like this one (the same car, or the same photo; docs/API-notes/duplicates.md).
 * The seller sends the write again with `duplicate_confirmed: true`, or edits
 * the listing they have.
 */
export type LikelyDuplicate = { duplicates: { id: number; title: string; country?: string }[] };

export function likelyDuplicateOf(error: unknown): LikelyDuplicate | null {
  if (!isApiError(error) || error.code !== "listing_duplicate") return null;
  const body = error.body as Partial<LikelyDuplicate>;
  return { duplicates: Array.isArray(body.duplicates) ? body.duplicates : [] };
}
