import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { CountryCode } from "@/api/models";
import { api } from "@/lib/api-client";
import type { SearchResponse } from "@/features/search/types/search";
import { queryKeys } from "@/lib/query-keys";
import { COUNTRY_CURRENCY } from "@/lib/country";
import { useCountry, useHomeCurrency } from "@/lib/use-country";

export type { SearchResponse };

/** GET /search/listings with the page's own URL parameters (same names as the API). */
function searchListings(params: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return api.get<SearchResponse>("/search/listings", { params, signal });
}

function searchListingsQueryOptions(params: URLSearchParams, country: CountryCode, homeCurrency: string | null) {
  const sorted = new URLSearchParams(params);
  sorted.set("country", country);
  // Cards priced also in the buyer's own currency, when it is not the country's (API: `price_approx`).
  if (homeCurrency && homeCurrency !== COUNTRY_CURRENCY[country]) sorted.set("display_currency", homeCurrency);
  sorted.sort();
  return queryOptions({
    queryKey: queryKeys.search.listings(sorted.toString()),
    queryFn: ({ signal }) => searchListings(sorted, signal),
    placeholderData: keepPreviousData,
  });
}

/** A search of the buyer's country (lib/use-country.ts), whatever `params` say. */
export function useSearchListings(params: URLSearchParams, { enabled = true }: { enabled?: boolean } = {}) {
  const { country } = useCountry();
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({ ...searchListingsQueryOptions(params, country, displayCurrency), enabled: enabled && settled });
}
