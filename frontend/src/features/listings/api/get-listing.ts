import { useQuery } from "@tanstack/react-query";
import { listingKeys } from "@/features/listings/api/query-keys";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";

export function getListing(id: number): Promise<Listing> {
  return api.get<Listing>(`/listings/${id}`);
}

export function useListing(id: number) {
  return useQuery({ queryKey: listingKeys.detail(id), queryFn: () => getListing(id), enabled: Number.isInteger(id) && id > 0 });
}
