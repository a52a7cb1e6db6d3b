import { useQuery } from "@tanstack/react-query";
import { api, type QueryParams } from "@/lib/api-client";
import type { Money } from "@/api/models";
import { queryKeys } from "@/lib/query-keys";

type Percentiles<T> = { p10: T; p25: T; median: T; p75: T; p90: T };

export type Market = {
  count: number;
  price: Percentiles<Money> | null;
  mileage_km?: Percentiles<number> | null;
  median_days_listed?: number | null;
};

/** GET /analytics/market under the same filters as search. */
function getMarket(params: QueryParams): Promise<Market> {
  return api.get<Market>("/analytics/market", { params });
}

export function useMarket(params: { country: string; make: string; model: string; year_min: number; year_max: number }) {
  return useQuery({
    queryKey: queryKeys.analytics.market(params),
    queryFn: () => getMarket(params),
    staleTime: 5 * 60_000,
  });
}
