import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { useUser } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";

export type FavoriteIds = { ids: number[] };

/** Every favourite's listing id (up to the 500 allowed): what the hearts on cards show. */
function getFavoriteIds(): Promise<FavoriteIds> {
  return api.get<FavoriteIds>("/me/favorites/ids");
}

function useFavoriteIds() {
  const { data: user } = useUser();
  return useQuery({
    queryKey: queryKeys.favorites.ids,
    queryFn: getFavoriteIds,
    enabled: Boolean(user),
    staleTime: 60_000,
    select: (data) => new Set(data.ids),
  });
}

export function useIsFavorite(listingId: number): boolean {
  const { data } = useFavoriteIds();
  return Boolean(data?.has(listingId));
}
