// The country the buyer searches (API.md: search takes `country`, bh when not
// given): their choice, remembered on the phone; until they choose, their
// profile's country, else Bahrain. Its currency names the prices of chips and filters.
import AsyncStorage from "@react-native-async-storage/async-storage";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { countryOf, useEnums, useOwnCountry, type Country } from "@/catalog/countries";

export const SEARCH_COUNTRY_KEY = "sayara.search.country";
// Not under ["search"]: invalidating the results must not re-read the choice.
const STORED = ["search-country"] as const;

export type SearchCountry = {
  /** The code searched (`country`), even when the catalog could not be read. */
  code: string;
  /** Its names and currency (Bahrain's until the catalog has loaded). */
  country: Country;
  countries: readonly Country[];
  /** False while the remembered or the profile's country is still being read: searching then would show another country first. */
  ready: boolean;
  choose: (code: string) => Promise<void>;
};

export function useSearchCountry(): SearchCountry {
  const queryClient = useQueryClient();
  const enums = useEnums();
  const countries = enums.data?.country ?? [];
  const own = useOwnCountry(enums.data?.country);
  const stored = useQuery({ queryKey: STORED, queryFn: async () => (await AsyncStorage.getItem(SEARCH_COUNTRY_KEY)) ?? "", staleTime: Infinity });
  const chosen = stored.data && (countries.length === 0 || countries.some((item) => item.value === stored.data)) ? stored.data : own.code;
  const choose = useCallback(
    async (code: string) => {
      queryClient.setQueryData(STORED, code);
      await AsyncStorage.setItem(SEARCH_COUNTRY_KEY, code);
    },
    [queryClient],
  );
  const ready = !enums.isPending && stored.isSuccess && (!!stored.data || own.settled);
  return { code: chosen, country: countryOf(countries, chosen), countries, ready, choose };
}
