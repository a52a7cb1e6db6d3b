import type { EnumName } from "@/lib/catalog/get-enums";
import type { Listing, ListingStatus } from "@/types/api";

/** Listing fields that hold a catalog enum value, with the enum they come from. */
export const LISTING_ENUM_FIELDS = [
  ["body_type", "body_type"],
  ["regional_spec", "regional_spec"],
  ["transmission", "transmission"],
  ["fuel", "fuel"],
  ["drivetrain", "drivetrain"],
  ["condition", "condition"],
  ["exterior_color", "color"],
  ["governorate", "governorate"],
] as const satisfies readonly (readonly [keyof Listing, EnumName])[];

type EnumField = (typeof LISTING_ENUM_FIELDS)[number][0];

/** The writable keys of a listing (API.md: seller, version, timestamps, currency are read-only). */
export type ListingInput = Pick<Listing, "make" | "model" | "trim" | "price" | "description" | EnumField> & {
  title?: string;
  year: number | null;
  mileage_km: number | null;
  status?: ListingStatus;
  /** The seller confirms a price the API found unusual (a 400 `price_unusual` asks for it). */
  price_confirmed?: boolean;
};

export const LISTING_INPUT_FIELDS = [
  "title",
  "make",
  "model",
  "trim",
  "year",
  "price",
  "mileage_km",
  "body_type",
  "fuel",
  "transmission",
  "drivetrain",
  "exterior_color",
  "regional_spec",
  "condition",
  "governorate",
  "description",
  "status",
] as const;

export function inputOf(listing: Listing): ListingInput {
  const input: ListingInput = {
    make: listing.make,
    model: listing.model,
    trim: listing.trim ?? "",
    year: listing.year,
    price: listing.price,
    mileage_km: listing.mileage_km,
    description: listing.description ?? "",
  } as ListingInput;
  for (const [field] of LISTING_ENUM_FIELDS) input[field] = listing[field] ?? "";
  return input;
}
