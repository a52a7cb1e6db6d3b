// Shapes of docs/API.md shared by more than one feature.

/** Money travels as a decimal string with 3 places ("8500.000"); never a float. */
export type Money = string;

export type Page<T> = {
  count: number;
  page: number;
  page_size: number;
  results: T[];
};

export type Language = "en" | "ar";

export type AccountType = "private" | "dealer";

export type User = {
  id: number;
  email: string;
  display_name: string;
  phone: string | null;
  /** The phone was confirmed by a code sent to it by SMS. */
  phone_verified?: boolean;
  account_type: AccountType;
  preferred_language: Language;
  /** The seller shows a Call / WhatsApp button on their listings. */
  shows_call?: boolean;
  shows_whatsapp?: boolean;
  date_joined: string;
  /** Not in contract v1; the app shows analyst tools when the API says so (403 otherwise). */
  is_analyst?: boolean;
  /** False until the e-mailed link was opened: publishing and messaging wait for it. */
  email_verified?: boolean;
};

/** `pending_review`: an extreme price its seller confirmed waits for moderation, out of search. */
export type ListingStatus = "active" | "sold" | "draft" | "expired" | "pending_review" | "hidden";

/** One price a listing has asked (its `price_history`, newest first). */
export type PriceChange = { price: Money; changed_at: string };

export type Photo = {
  id: number;
  url: string;
  thumbnail_url: string;
};

/** A contact beside chat a seller may show. */
export type ContactChannel = "call" | "whatsapp";

export type Seller = {
  id: number;
  display_name: string;
  account_type: AccountType;
  /** What the seller shows beside chat; POST /listings/{id}/phone reveals the number. */
  contacts?: ContactChannel[];
  badges?: ("verified_phone" | "dealer")[];
};

export type Listing = {
  id: number;
  title: string;
  make: string;
  model: string;
  trim: string;
  year: number;
  price: Money;
  currency: "BHD";
  mileage_km: number;
  body_type: string;
  fuel: string;
  transmission: string;
  drivetrain: string;
  exterior_color: string;
  regional_spec: string;
  condition: string;
  governorate: string;
  description: string;
  status: ListingStatus;
  seller: Seller;
  photos: Photo[];
  /** By how much the latest price change lowered the price, if it did. */
  price_drop?: Money | null;
  price_changed_at?: string | null;
  /** The price against comparable cars' median, in percent; null when not rated. */
  deal_percent?: number | null;
  price_history?: PriceChange[];
  /** Whole days on the market; null if never published. */
  days_listed?: number | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** A search hit: the `results` of GET /search/listings. */
export type ListingSummary = {
  id: number;
  title: string;
  make: string;
  model: string;
  year: number;
  price: Money;
  mileage_km: number;
  body_type?: string;
  fuel?: string;
  transmission?: string;
  regional_spec?: string;
  governorate?: string;
  seller_type?: string;
  thumbnail_url: string | null;
  created_at: string;
  status?: ListingStatus;
  /** Set for 30 days after a price drop: by how much. */
  price_drop?: Money | null;
  days_listed?: number | null;
  deal_percent?: number | null;
};

/** Any listing-shaped object a card can show: a search hit or a full listing. */
export type CardListing = ListingSummary | Listing;
