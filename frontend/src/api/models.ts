// The app's names for the API's shapes, each taken from the schema generated from
// the backend (src/api/schema.ts, scripts/api_types.sh): no field is declared here.
import type { components } from "@/api/schema";

/** A shape of the API by its OpenAPI name. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

/** Money travels as a decimal string with its currency's decimals ("8500.000" BHD, "85000.00" SAR); never a float. */
export type Money = Schema<"Listing">["price"];

/** Every list endpoint answers one page shape (API.md, Paging). */
export type Page<T> = Omit<Schema<"MyListingPage">, "results"> & { results: T[] };

export type Language = Schema<"PreferredLanguageEnum">;
export type AccountType = Schema<"AccountTypeEnum">;
export type User = Schema<"User">;
export type ListingStatus = Schema<"ListingStatusEnum">;
export type Photo = Schema<"Photo">;
/** One price a listing has asked (its `price_history`, newest first). */
export type PriceChange = Schema<"PriceChange">;
/** A contact beside chat a seller may show. */
export type ContactChannel = Schema<"LeadChannelEnum">;
export type Listing = Schema<"Listing">;
/** A listing in brief (notifications, conversations, recommendations). */
export type ListingSummary = Schema<"ListingSummary">;
/** A search hit as the index holds it (GET /search/listings `results`). */
export type ResultCard = Schema<"ResultCard">;
/** Any listing-shaped object a card can show: a search hit, a listing in brief, a full listing. */
export type CardListing = ResultCard | ListingSummary | Listing;
/** A country Sayara serves, by its lowercase ISO code (core/catalog/countries.py). */
export type CountryCode = Schema<"CountryEnum">;
