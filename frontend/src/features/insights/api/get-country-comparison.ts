import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { CountryCode, Schema } from "@/api/models";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** One country's figures; its prices are in its own `currency`, never converted. */
export type CountryFigures = Schema<"CountryFigures">;

export type ComparisonParams = { countries: CountryCode[]; filters: Record<string, string> };

function query({ countries, filters }: ComparisonParams): Record<string, string> {
  return { ...filters, countries: countries.join(",") };
}

/** GET /analytics/countries (analyst role): the same figures for each country, side by side. */
export function useCountryComparison(params: ComparisonParams) {
  return useQuery({
    queryKey: queryKeys.analytics.countries(params),
    queryFn: () => api.get<Schema<"CountryComparison">>("/analytics/countries", { params: query(params) }),
    enabled: params.countries.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The same comparison as CSV (`Accept: text/csv`): one row per country. */
export function getCountryComparisonCsv(params: ComparisonParams): Promise<string> {
  return api.get<string>("/analytics/countries", { params: query(params), accept: "text/csv" });
}
