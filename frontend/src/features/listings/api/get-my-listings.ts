import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Listing, Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

function getMyListings(page: number): Promise<Page<Listing>> {
  return api.get<Page<Listing>>("/me/listings", { params: { page, page_size: 20 } });
}

export function useMyListings(page: number) {
  return useQuery({
    queryKey: [...queryKeys.listings.mine(), page],
    queryFn: () => getMyListings(page),
    placeholderData: keepPreviousData,
  });
}
