import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { useUser } from "@/lib/auth";
import type { CardListing, Page } from "@/types/api";

export const favoritesKey = ["account", "favorites"] as const;

export function getFavorites(): Promise<Page<CardListing>> {
  return api.get<Page<CardListing>>("/me/favorites", { params: { page_size: 100 } });
}

export function useFavorites() {
  const { data: user } = useUser();
  return useQuery({ queryKey: favoritesKey, queryFn: getFavorites, enabled: Boolean(user) });
}

export function useIsFavorite(listingId: number): boolean {
  const { data } = useFavorites();
  return Boolean(data?.results.some((listing) => listing.id === listingId));
}
