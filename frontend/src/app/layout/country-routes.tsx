import { useEffect, type ReactNode } from "react";
import { Navigate, Outlet, useLocation, useParams } from "react-router";
import { hasSessionHint } from "@/lib/auth";
import {
  browserLanguages,
  countryAddress,
  countryOfPath,
  countryPath,
  DEFAULT_COUNTRY,
  isCountry,
  namesCountry,
  preferredCountry,
  rememberCountry,
  rememberedCountry,
} from "@/lib/country";
import { useCountry } from "@/lib/use-country";

/** /{country}/…: the buyer pages of one country; a code Sayara does not serve is not found. */
export function CountryScope({ notFound }: { notFound: ReactNode }) {
  const { country } = useParams();
  const known = isCountry(country);
  useEffect(() => {
    if (isCountry(country)) rememberCountry(country);
  }, [country]);
  return known ? <Outlet /> : notFound;
}

/**
 * A buyer page's URL without a country (/search?make=toyota, /listings/7: links shared
 * before countries, and the app's own bare links) opens in the country a `country`
 * parameter names (saved searches' links carry one), else in the buyer's own.
 */
export function ToCountry() {
  const { pathname, search, hash, state } = useLocation();
  const { country: preferred, settled } = useCountry();
  // A signed-in buyer's profile names their country: wait the moment /me takes.
  if (!namesCountry(search) && !settled) return null;
  return <Navigate replace state={state} to={countryAddress(pathname, search, hash, preferred)} />;
}

/**
 * The page's own address put in its country before the router starts, when that needs
 * no profile (the address or this device names the country, or nobody is signed in here):
 * the first page is drawn once, not drawn empty and again after ToCountry's redirect
 * (a phone's main thread, docs/decisions/web-performance.md).
 */
export function openInCountry(): void {
  const { pathname, search, hash } = window.location;
  if (countryOfPath(pathname) !== null || countryPath(DEFAULT_COUNTRY, pathname) === pathname) return;
  if (!namesCountry(search) && rememberedCountry() === null && hasSessionHint()) return;
  window.history.replaceState(window.history.state, "", countryAddress(pathname, search, hash, preferredCountry(null, browserLanguages())));
}
