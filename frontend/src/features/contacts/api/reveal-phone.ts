import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ContactChannel } from "@/api/models";

/** The seller's number (signed in; each reveal is a lead for the seller; 429 past the hourly limit). */
export type SellerPhone = { phone: string; call: boolean; whatsapp_url: string | null };

export function revealPhone({ listingId, channel }: { listingId: number; channel: ContactChannel }): Promise<SellerPhone> {
  return api.post<SellerPhone>(`/listings/${listingId}/phone`, { channel });
}

export function useRevealPhone() {
  return useMutation({ mutationFn: revealPhone });
}
