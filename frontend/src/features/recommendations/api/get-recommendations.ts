import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { CountryCode, ListingSummary, Page } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";
import { useCountry, useHomeCurrency } from "@/lib/use-country";

type ReasonCode = "viewed_together" | "saved_similar" | "saved_search" | "interests" | "popular" | "new";
export type Reason = { code: ReasonCode; text_en: string; text_ar: string };
type Recommendation = ListingSummary & { reason: Reason };
/** A page of recommendations; `enabled` is false when the buyer turned them off. */
type RecommendationsPage = Page<Recommendation> & { enabled: boolean };

function getRecommendations(page: number, country: CountryCode, displayCurrency: string | null): Promise<RecommendationsPage> {
  const params = { page, page_size: 8, country, ...(displayCurrency ? { display_currency: displayCurrency } : {}) };
  return api.get<RecommendationsPage>("/me/recommendations", { params });
}

/**
 * The cars of the country browsed, priced also in the buyer's currency. Fresh on every visit:
 * a new favourite or view changes them at once on the server.
 */
export function useRecommendations(page = 1) {
  const { country, settled: countrySettled } = useCountry();
  const { displayCurrency, settled } = useHomeCurrency();
  return useQuery({
    queryKey: queryKeys.recommendations.forMe(page, country, displayCurrency),
    queryFn: () => getRecommendations(page, country, displayCurrency),
    staleTime: 0,
    enabled: countrySettled && settled,
  });
}
