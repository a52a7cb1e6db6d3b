import { api } from "@/lib/api-client";

/**
 * Tells analytics a buyer reached for the contact form (docs/decisions/analytics.md,
 * buyers' events). Fire and forget: it never delays, fails or signs out anyone.
 */
export function recordContactClick(listingId: number): void {
  api.post<null>(`/listings/${listingId}/contact-click`, undefined, { allowUnauthorized: true }).catch(() => undefined);
}
