import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export const ENUM_NAMES = [
  "body_type",
  "fuel",
  "transmission",
  "drivetrain",
  "regional_spec",
  "condition",
  "governorate",
  "color",
  "seller_type",
] as const;

export type EnumName = (typeof ENUM_NAMES)[number];
export type EnumOption = { value: string; label_en: string; label_ar: string };
export type Enums = Partial<Record<EnumName, EnumOption[]>>;

export function getEnums(): Promise<Enums> {
  return api.get<Enums>("/catalog/enums");
}

export const enumsQueryOptions = queryOptions({
  queryKey: ["catalog", "enums"],
  queryFn: getEnums,
  staleTime: 60 * 60_000,
});

export function useEnums() {
  return useQuery(enumsQueryOptions);
}
