import { useCallback, useSyncExternalStore } from "react";
import { useLocation, useNavigate } from "react-router";
import type { CountryCode } from "@/api/models";
import { useUser } from "@/lib/auth";
import {
  browserLanguages,
  COUNTRY_CURRENCY,
  countryOfPath,
  countryPath,
  homeCurrency,
  preferredCountry,
  rememberCountry,
  rememberedCountry,
  subscribeToCountry,
  switchedPath,
} from "@/lib/country";

/**
 * The country the buyer is in: the one the URL names (/sa/search), else their preferred
 * one (lib/country.ts); its currency; a switch that remembers it and moves the page to it;
 * and `path`, which puts a buyer page's path in that country. Switching does not change the
 * profile's country: that is where the account lives (its phone is read in it), not where it browses.
 */
export function useCountry() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const { data: user, isPending } = useUser();
  // Read so a switch on a page without a country in its URL (the sell form) redraws it.
  useSyncExternalStore(subscribeToCountry, rememberedCountry, () => null);
  const inUrl = countryOfPath(pathname);
  const country: CountryCode = inUrl ?? preferredCountry(user?.country, browserLanguages());
  // Whether `country` is settled: the URL or this device names it, or the profile, if any, has arrived.
  const settled = inUrl !== null || rememberedCountry() !== null || !isPending;

  const switchCountry = useCallback(
    (next: CountryCode) => {
      rememberCountry(next);
      const to = switchedPath(next, pathname, search);
      if (to) void navigate(to);
    },
    [navigate, pathname, search],
  );
  const path = useCallback((to: string) => countryPath(country, to), [country]);

  return { country, settled, currency: COUNTRY_CURRENCY[country], switchCountry, path };
}

/**
 * The buyer's own currency (lib/country.ts, homeCurrency), or null: the API's `display_currency`.
 * `settled` once the profile, if any, has arrived: requests that count (a search, a listing's
 * view) wait for it rather than go twice.
 */
export function useHomeCurrency() {
  const { data: user, isPending } = useUser();
  return { displayCurrency: homeCurrency(user?.country, browserLanguages()), settled: !isPending };
}
