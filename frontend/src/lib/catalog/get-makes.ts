import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export type CatalogModel = { slug: string; name_en: string; name_ar: string };
export type CatalogMake = CatalogModel & { models: CatalogModel[] };

export function getMakes(): Promise<CatalogMake[]> {
  return api.get<CatalogMake[]>("/catalog/makes");
}

export const makesQueryOptions = queryOptions({
  queryKey: ["catalog", "makes"],
  queryFn: getMakes,
  staleTime: 60 * 60_000,
});

export function useMakes() {
  return useQuery(makesQueryOptions);
}
