import { useMutation, useQueryClient } from "@tanstack/react-query";
import { favoritesKey } from "@/features/favorites/api/get-favorites";
import { api } from "@/lib/api-client";
import type { CardListing, Page } from "@/types/api";

export type SetFavoriteInput = { listing: CardListing; favorite: boolean };

/** PUT to save, DELETE to forget: both idempotent, both 204. */
export function setFavorite({ listing, favorite }: SetFavoriteInput): Promise<null> {
  return favorite ? api.put<null>(`/me/favorites/${listing.id}`) : api.delete(`/me/favorites/${listing.id}`);
}

export function useSetFavorite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setFavorite,
    // Optimistic: the heart fills at once and rolls back if the server says no.
    onMutate: async ({ listing, favorite }) => {
      await queryClient.cancelQueries({ queryKey: favoritesKey });
      const previous = queryClient.getQueryData<Page<CardListing>>(favoritesKey);
      queryClient.setQueryData<Page<CardListing>>(favoritesKey, (page) => {
        const base = page ?? { count: 0, page: 1, page_size: 100, results: [] };
        const rest = base.results.filter((item) => item.id !== listing.id);
        const results = favorite ? [listing, ...rest] : rest;
        return { ...base, results, count: results.length };
      });
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(favoritesKey, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: favoritesKey }),
  });
}
