import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Listing } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

function getListing(id: number): Promise<Listing> {
  return api.get<Listing>(`/listings/${id}`);
}

export function useListing(id: number) {
  return useQuery({ queryKey: queryKeys.listings.detail(id), queryFn: () => getListing(id), enabled: Number.isInteger(id) && id > 0 });
}
