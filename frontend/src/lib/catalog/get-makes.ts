import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type CatalogModel = { slug: string; name_en: string; name_ar: string };
export type CatalogMake = CatalogModel & { models: CatalogModel[] };

function getMakes(): Promise<CatalogMake[]> {
  return api.get<CatalogMake[]>("/catalog/makes");
}

const makesQueryOptions = queryOptions({
  queryKey: queryKeys.catalog.makes,
  queryFn: getMakes,
  staleTime: 60 * 60_000,
});

export function useMakes() {
  return useQuery(makesQueryOptions);
}
