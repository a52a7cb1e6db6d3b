import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export type AggregateRequest = {
  filters: Record<string, string | string[]>;
  group_by: string[];
  metrics: string[];
};

type AggregateResult = { columns: string[]; rows: (string | number | null)[][] };

/** POST /analytics/aggregate (analyst role). */
function getAggregate(request: AggregateRequest): Promise<AggregateResult> {
  return api.post<AggregateResult>("/analytics/aggregate", request);
}

export function useAggregate(request: AggregateRequest) {
  return useQuery({
    queryKey: queryKeys.analytics.aggregate(request),
    queryFn: () => getAggregate(request),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The same request as CSV (`Accept: text/csv`). */
export function getAggregateCsv(request: AggregateRequest): Promise<string> {
  return api.post<string>("/analytics/aggregate", request, { accept: "text/csv" });
}

/** Rows as objects keyed by column name. */
export function recordsOf(result: AggregateResult | undefined): Record<string, string | number | null>[] {
  if (!result) return [];
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column, row[index] ?? null])));
}
