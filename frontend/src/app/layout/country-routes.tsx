import { useEffect, type ReactNode } from "react";
import { Navigate, Outlet, useLocation, useParams } from "react-router";
import { countryPath, isCountry, rememberCountry } from "@/lib/country";
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
  const params = new URLSearchParams(search);
  const named = params.get("country");
  params.delete("country");
  const query = params.size ? `?${params.toString()}` : "";
  // A signed-in buyer's profile names their country: wait the moment /me takes.
  if (!isCountry(named) && !settled) return null;
  return <Navigate replace state={state} to={countryPath(isCountry(named) ? named : preferred, pathname) + query + hash} />;
}
