// The countries of the marketplace (catalog/enums `country`): each with its
// names, currency, the currency's decimals and its regions. Listing a car and
// searching both start in the user's own (`/me` `country`), else Bahrain.
import { useQuery } from "@tanstack/react-query";
import { getLocales } from "expo-localization";
import { useAccount } from "@/account/session";
import { api, ok } from "@/api/client";
import type { Currency, Schema } from "@/api/types";
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

const isCountry = (countries: readonly Country[] | undefined, code: unknown): code is string =>
  typeof code === "string" && !!countries?.some((item) => item.value === code);

/**
 * The country a user starts in: their own (`/me` `country`, when the API has it), else Bahrain;
 * `profile` is the profile's alone (null without one); `settled` once that is known.
 */
export function useOwnCountry(countries: readonly Country[] | undefined): { code: string; profile: string | null; settled: boolean } {
  const { token } = useAccount();
  const me = useQuery({ queryKey: ["me"], queryFn: () => ok(api.GET("/api/v1/me")), enabled: !!token });
  const own = (me.data as { country?: unknown } | undefined)?.country;
  const profile = isCountry(countries, own) ? own : null;
  return { code: profile ?? DEFAULT_COUNTRY, profile, settled: !token || !me.isPending };
}

/** The phone's region when it is one of the marketplace's countries ("SA" → sa), else null. */
function phoneCountry(countries: readonly Country[]): string | null {
  const region = getLocales()[0]?.regionCode?.toLowerCase();
  return isCountry(countries, region) ? region : null;
}

/**
 * The currency the user thinks in, for the "≈ SAR 1,002" line under prices in another (the
 * API's `display_currency`), decided as the web app decides it: their profile country's, else
 * the phone's region's; null when neither is one of the marketplace's countries (the country
 * searched is no guess of it: a Saudi browsing Bahrain still thinks in riyals). `settled` once
 * the profile and the catalog have arrived: a request that counts (a listing's view) waits for it.
 */
export function useDisplayCurrency(): { currency: Currency | null; settled: boolean } {
  const enums = useEnums();
  const countries = enums.data?.country ?? [];
  const own = useOwnCountry(countries);
  const home = own.profile ?? phoneCountry(countries);
  // The catalog's currencies are the API's (core/catalog/countries.py): the schema types them as text.
  return { currency: home ? (countryOf(countries, home).currency as Currency) : null, settled: own.settled && !enums.isPending };
}

export const useHomeCountry = (countries: readonly Country[] | undefined): string => useOwnCountry(countries).code;

/** The country's name in the app's language. */
export const countryName = (country: Country) => (currentLanguage() === "ar" ? country.label_ar : country.label_en);
