import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Schema } from "@/api/models";
import listingFields from "@/api/listing-fields.json";
import { api, firstAnswer } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Every catalog enum (GET /catalog/enums), from the API's schema. */
export const ENUM_NAMES = listingFields.catalogEnums as EnumName[];

export type Enums = Schema<"Enums">;
export type EnumName = keyof Enums;

function getEnums(): Promise<Enums> {
  return api.get<Enums>("/catalog/enums");
}

const enumsQueryOptions = queryOptions({
  queryKey: queryKeys.catalog.enums,
  queryFn: getEnums,
  // Sent with the page's HTML when the server knows the page (web/first_load.py).
  initialData: () => firstAnswer<Enums>("/catalog/enums"),
  staleTime: 60 * 60_000,
});

export function useEnums({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...enumsQueryOptions, enabled });
}
