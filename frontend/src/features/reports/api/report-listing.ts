import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export const REPORT_REASONS = ["scam", "wrong_price", "sold", "duplicate", "offensive", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export type ListingReport = { id: number; listing: number; reason: ReportReason; note: string; created_at: string };

export function reportListing({ listingId, reason, note, idempotencyKey }: { listingId: number; reason: ReportReason; note: string; idempotencyKey: string }) {
  return api.post<ListingReport>(`/listings/${listingId}/reports`, { reason, note }, { idempotencyKey });
}

export function useReportListing() {
  return useMutation({ mutationFn: reportListing });
}
