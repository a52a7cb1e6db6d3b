// The country a buyer shops in, and its place in the app's URLs (/bh/search, /sa/listings/7).
// What a country is (its regions, currency, names) the API says (GET /catalog/enums,
// core/catalog/countries.py); the app knows only the codes, their currencies (to format
// before the catalog arrives) and which country to start in.
import type { CountryCode } from "@/api/models";
import type { Currency } from "@/lib/format";

export const COUNTRY_CURRENCY: Record<CountryCode, Currency> = {
  bh: "BHD",
  sa: "SAR",
  ae: "AED",
  kw: "KWD",
  qa: "QAR",
  om: "OMR",
};
/** In the order the switcher lists them: Bahrain first, as the API does. */
export const COUNTRIES = Object.keys(COUNTRY_CURRENCY) as CountryCode[];
export const DEFAULT_COUNTRY: CountryCode = "bh";
export const COUNTRY_STORAGE_KEY = "sayara.country";

export function isCountry(value: unknown): value is CountryCode {
  return typeof value === "string" && value in COUNTRY_CURRENCY;
}

/** The country of a browser language's region ("ar-SA" → sa, "en-AE" → ae), if one Sayara serves. */
export function countryOfLanguages(languages: readonly string[]): CountryCode | null {
  for (const tag of languages) {
    const region = tag.split(/[-_]/)[1]?.toLowerCase();
    if (isCountry(region)) return region;
  }
  return null;
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language ?? ""];
}

export function rememberedCountry(): CountryCode | null {
  try {
    const stored = localStorage.getItem(COUNTRY_STORAGE_KEY);
    return isCountry(stored) ? stored : null;
  } catch {
    return null; // storage can be blocked
  }
}

const listeners = new Set<() => void>();

/** Remembers the country on this device (the switcher, or a country URL visited). */
export function rememberCountry(country: CountryCode): void {
  if (rememberedCountry() === country) return;
  try {
    localStorage.setItem(COUNTRY_STORAGE_KEY, country);
  } catch {
    // not remembered; the URL still names it
  }
  for (const listener of listeners) listener();
}

export function subscribeToCountry(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Where a buyer starts when the URL names no country: the one they chose on this device,
 * then their profile's, then their browser's language region, then Bahrain.
 */
export function preferredCountry(profile: string | null | undefined, languages: readonly string[]): CountryCode {
  return rememberedCountry() ?? (isCountry(profile) ? profile : null) ?? countryOfLanguages(languages) ?? DEFAULT_COUNTRY;
}

/**
 * The currency a buyer thinks in, for the "≈ SAR 1,002" line beside prices in another
 * (the API's `display_currency`): their profile country's, else their browser language
 * region's; none when neither says (Sayara does not guess from the country browsed).
 */
export function homeCurrency(profile: string | null | undefined, languages: readonly string[]): Currency | null {
  const home = (isCountry(profile) ? profile : null) ?? countryOfLanguages(languages);
  return home ? COUNTRY_CURRENCY[home] : null;
}


/** The pages that live under a country: /{country}/, /{country}/search, /{country}/listings/:id, /{country}/insights. */
const COUNTRY_PAGES = /^\/(?:search\/?|listings\/[^/]+\/?|insights\/?)?$/;

/** The country a path names ("/sa/search" → sa), or null for a bare one ("/search"). */
export function countryOfPath(pathname: string): CountryCode | null {
  const first = pathname.split("/")[1];
  return isCountry(first) ? first : null;
}

/** The path without its country: "/sa/search" → "/search", "/sa" → "/". */
export function barePath(pathname: string): string {
  return countryOfPath(pathname) ? pathname.slice(3) || "/" : pathname;
}

/** A buyer page's path in a country ("/search" → "/sa/search"); other paths as they are. */
export function countryPath(country: CountryCode, path: string): string {
  const pathname = path.split(/[?#]/, 1)[0];
  const bare = barePath(pathname);
  if (!COUNTRY_PAGES.test(bare)) return path;
  return `/${country}${bare === "/" ? "" : bare}${path.slice(pathname.length)}`;
}

/**
 * Where a bare buyer URL (/search?make=toyota&country=sa) opens: in the country its
 * `country` parameter names (saved searches' links carry one, dropped here), else in `preferred`.
 */
export function countryAddress(pathname: string, search: string, hash: string, preferred: CountryCode): string {
  const params = new URLSearchParams(search);
  const named = params.get("country");
  params.delete("country");
  const query = params.size ? `?${params.toString()}` : "";
  return countryPath(isCountry(named) ? named : preferred, pathname) + query + hash;
}

/** Whether a bare buyer URL names its country in a `country` parameter. */
export function namesCountry(search: string): boolean {
  return isCountry(new URLSearchParams(search).get("country"));
}

/**
 * Where switching to `country` goes from `pathname`: the same page in that country,
 * except a listing (it is of one country), whose place is the new country's search.
 */
export function switchedPath(country: CountryCode, pathname: string, search: string): string | null {
  const bare = barePath(pathname);
  if (/^\/listings\//.test(bare)) return `/${country}/search`;
  if (!COUNTRY_PAGES.test(bare)) return null;
  return countryPath(country, bare) + search;
}

/**
 * A saved search's page, in its own country: its query names one (`country=sa`) unless it is
 * Bahrain's (discovery/alerts.py, saved_query_string), never the country being browsed.
 */
export function savedSearchPath(query: string): string {
  return countryAddress("/search", `?${query.replace(/^\?/, "")}`, "", DEFAULT_COUNTRY);
}

/** A listing's page, under its own country: /sa/listings/7. */
export function listingPath(listing: { id: number; country?: string }): string {
  return `/${isCountry(listing.country) ? listing.country : DEFAULT_COUNTRY}/listings/${listing.id}`;
}
