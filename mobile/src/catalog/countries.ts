// The countries of the marketplace (catalog/enums `country`): each with its
// names, currency, the currency's decimals and its regions. Listing a car and
// searching both start in the user's own (`/me` `country`), else Bahrain.
import { useQuery } from "@tanstack/react-query";
import { useAccount } from "@/account/session";
import { api, ok } from "@/api/client";
import type { Schema } from "@/api/types";
import { currentLanguage } from "@/i18n";

export type Country = Schema<"Country">;
export const DEFAULT_COUNTRY = "bh";

/** The catalog's enums, countries among them: fetched once, shared by every screen. */
export function useEnums() {
  return useQuery({ queryKey: ["catalog", "enums"], queryFn: () => ok(api.GET("/api/v1/catalog/enums")), staleTime: Infinity });
}

const BAHRAIN_UNTIL_LOADED: Country = {
  value: DEFAULT_COUNTRY,
  label_en: "Bahrain",
  label_ar: "البحرين",
  currency: "BHD",
  decimals: 3,
  price_scale: 1,
  regions: [],
  phone: { dial_code: "+973", digits: 8, example: "+973 3600 1122" },
};

/** `code`'s entry of the catalog's countries, else Bahrain's (until the catalog has loaded: BHD, 3 decimals). */
export function countryOf(countries: readonly Country[] | undefined, code: string): Country {
  return countries?.find((item) => item.value === code) ?? countries?.find((item) => item.value === DEFAULT_COUNTRY) ?? BAHRAIN_UNTIL_LOADED;
}

/** The country a user starts in: their own (`/me` `country`, when the API has it), else Bahrain; `settled` once that is known. */
export function useOwnCountry(countries: readonly Country[] | undefined): { code: string; settled: boolean } {
  const { token } = useAccount();
  const me = useQuery({ queryKey: ["me"], queryFn: () => ok(api.GET("/api/v1/me")), enabled: !!token });
  const own = (me.data as { country?: unknown } | undefined)?.country;
  const code = typeof own === "string" && countries?.some((item) => item.value === own) ? own : DEFAULT_COUNTRY;
  return { code, settled: !token || !me.isPending };
}

export const useHomeCountry = (countries: readonly Country[] | undefined): string => useOwnCountry(countries).code;

/** The country's name in the app's language. */
export const countryName = (country: Country) => (currentLanguage() === "ar" ? country.label_ar : country.label_en);
