import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FavoriteIds } from "@/features/favorites/api/get-favorite-ids";
import { type FavoriteListing } from "@/features/favorites/api/get-favorites";
import { api } from "@/lib/api-client";
import type { CardListing, Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

type SetFavoriteInput = { listing: CardListing; favorite: boolean };

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
      await queryClient.cancelQueries({ queryKey: queryKeys.favorites.all });
      const ids = queryClient.getQueryData<FavoriteIds>(queryKeys.favorites.ids);
      const lists = queryClient.getQueriesData<Page<FavoriteListing>>({ queryKey: queryKeys.favorites.lists });
      queryClient.setQueryData<FavoriteIds>(queryKeys.favorites.ids, (data) => {
        const rest = (data?.ids ?? []).filter((id) => id !== listing.id);
        return { ids: favorite ? [listing.id, ...rest] : rest };
      });
      // A new favourite needs its saved price from the server; a removed one leaves the list now.
      if (!favorite) {
        queryClient.setQueriesData<Page<FavoriteListing>>({ queryKey: queryKeys.favorites.lists }, (page) =>
          page && { ...page, count: Math.max(0, page.count - 1), results: page.results.filter((item) => item.id !== listing.id) },
        );
      }
      return { ids, lists };
    },
    onError: (_error, _input, context) => {
      queryClient.setQueryData(queryKeys.favorites.ids, context?.ids);
      for (const [key, page] of context?.lists ?? []) queryClient.setQueryData(key, page);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.favorites.all }),
  });
}
