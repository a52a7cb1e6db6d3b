import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { useUser } from "@/lib/auth";
import type { Listing, Money, Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useHomeCurrency } from "@/lib/use-country";

/** A favourite is its listing plus the price it had when saved (docs/API-notes/accounts.md). */
export type FavoriteListing = Listing & {
  saved_price: Money;
  /** The price now is below `saved_price`. */
  price_dropped: boolean;
  favorited_at: string;
};

export const FAVORITES_PAGE_SIZE = 24;


/** A page of favourites, newest first, priced also in the buyer's currency (`price_approx`). */
function getFavorites(page: number, displayCurrency: string | null): Promise<Page<FavoriteListing>> {
  return api.get<Page<FavoriteListing>>("/me/favorites", {
    params: { page: page > 1 ? page : undefined, page_size: FAVORITES_PAGE_SIZE, display_currency: displayCurrency },
  });
}

export function useFavorites(page: number) {
  const { data: user } = useUser();
  const { displayCurrency } = useHomeCurrency();
  return useQuery({
    queryKey: queryKeys.favorites.list(page, displayCurrency),
    queryFn: () => getFavorites(page, displayCurrency),
    enabled: Boolean(user),
    placeholderData: keepPreviousData,
  });
}
