import { useQuery } from "@tanstack/react-query";
import { favoriteKeys } from "@/features/favorites/api/get-favorites";
import { api } from "@/lib/api-client";
import { useUser } from "@/lib/auth";

export type FavoriteIds = { ids: number[] };

/** Every favourite's listing id (up to the 500 allowed): what the hearts on cards show. */
export function getFavoriteIds(): Promise<FavoriteIds> {
  return api.get<FavoriteIds>("/me/favorites/ids");
}

function useFavoriteIds() {
  const { data: user } = useUser();
  return useQuery({
    queryKey: favoriteKeys.ids,
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
