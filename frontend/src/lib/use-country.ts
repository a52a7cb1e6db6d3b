import { useCallback, useSyncExternalStore } from "react";
import { useLocation, useNavigate } from "react-router";
import type { CountryCode } from "@/api/models";
import { useUser } from "@/lib/auth";
import {
  COUNTRY_CURRENCY,
  countryOfPath,
  countryPath,
  preferredCountry,
  rememberCountry,
  rememberedCountry,
  subscribeToCountry,
  switchedPath,
} from "@/lib/country";

function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language ?? ""];
}

/**
 * The country the buyer is in: the one the URL names (/sa/search), else their preferred
 * one (lib/country.ts); its currency; a switch that remembers it and moves the page to it;
 * and `path`, which puts a buyer page's path in that country.
 */
export function useCountry() {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const { data: user } = useUser();
  // Read so a switch on a page without a country in its URL (the sell form) redraws it.
  useSyncExternalStore(subscribeToCountry, rememberedCountry, () => null);
  // `country` on the profile is optional: accounts without one start from the browser.
  const profile = (user as { country?: string | null } | null | undefined)?.country;
  const country: CountryCode = countryOfPath(pathname) ?? preferredCountry(profile, browserLanguages());

  const switchCountry = useCallback(
    (next: CountryCode) => {
      rememberCountry(next);
      const to = switchedPath(next, pathname, search);
      if (to) void navigate(to);
    },
    [navigate, pathname, search],
  );
  const path = useCallback((to: string) => countryPath(country, to), [country]);

  return { country, currency: COUNTRY_CURRENCY[country], switchCountry, path };
}
