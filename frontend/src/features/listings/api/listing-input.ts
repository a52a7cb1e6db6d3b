import type { Listing, Schema } from "@/api/models";
import listingFields from "@/api/listing-fields.json";
import type { EnumName } from "@/lib/catalog/get-enums";

type Write = Schema<"ListingWriteRequest">;
export type ListingField = keyof Write;
/** What a seller confirms when the API asks (a 400 `price_unusual`, `listing_duplicate`): not fields of the car. */
export type Confirmation = "price_confirmed" | "duplicate_confirmed";
const CONFIRMATIONS: ReadonlySet<string> = new Set<Confirmation>(["price_confirmed", "duplicate_confirmed"]);

export function isConfirmation(field: ListingField): field is Confirmation {
  return CONFIRMATIONS.has(field);
}
/** The fields whose value is one of a catalog enum's (a union of words, not any text or a number). */
type EnumField = {
  [Field in ListingField]: Write[Field] extends string | undefined ? (string extends Write[Field] ? never : Field) : never;
}[Exclude<ListingField, "status">];

/**
 * What a form sends: the write request's keys (generated from the API's schema),
 * as the seller typed them; the API validates them. Year and mileage are null
 * while the seller has not typed them.
 */
export type ListingInput = { [Field in Exclude<ListingField, "year" | "mileage_km" | "status" | Confirmation>]?: string } & {
  // A number, or the text typed when it is none, for the API to refuse with its reason.
  year?: number | string | null;
  mileage_km?: number | string | null;
  status?: Write["status"];
  /** The seller confirms a price the API found unusual (a 400 `price_unusual` asks for it). */
  price_confirmed?: boolean;
  /** The seller confirms it is another car than the active listing it looks like (a 400 `listing_duplicate` asks for it). */
  duplicate_confirmed?: boolean;
};

/** Every field a seller writes, in the order of core/listings/fields.py (from the schema). */
export const LISTING_FIELDS = listingFields.fields as ListingField[];

/** The fields a new listing must have. */
export const REQUIRED_FIELDS: ReadonlySet<string> = new Set(listingFields.required);

/** Listing fields that hold a catalog enum value, with the enum they come from. */
export const LISTING_ENUM_FIELDS = Object.entries(listingFields.enums) as [EnumField, EnumName][];

export function inputOf(listing: Listing): ListingInput {
  const input: ListingInput = {};
  for (const field of LISTING_FIELDS) {
    if (field === "status" || isConfirmation(field)) continue;
    const value = listing[field];
    if (field === "year" || field === "mileage_km") input[field] = value as number;
    else input[field] = value === null || value === undefined ? "" : String(value);
  }
  return input;
}
