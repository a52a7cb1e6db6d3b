import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, firstAnswer } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type CatalogModel = { slug: string; name_en: string; name_ar: string };
export type CatalogMake = CatalogModel & { models: CatalogModel[] };

function getMakes(): Promise<CatalogMake[]> {
  return api.get<CatalogMake[]>("/catalog/makes");
}

const makesQueryOptions = queryOptions({
  queryKey: queryKeys.catalog.makes,
  queryFn: getMakes,
  // Sent with the page's HTML when the server knows the page (web/first_load.py).
  initialData: () => firstAnswer<CatalogMake[]>("/catalog/makes"),
  staleTime: 60 * 60_000,
});

export function useMakes({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...makesQueryOptions, enabled });
}
