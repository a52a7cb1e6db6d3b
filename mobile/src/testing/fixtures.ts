// Answers the API gives, built from the schema's types: a fixture that drifts
// from the backend's schema fails tsc.
import type { Conversation, Device, Listing, ListingSummary, Message, ResultCard, Schema, SearchAnswer, TokenOut, User } from "@/api/types";

export function card(overrides: Partial<ResultCard> = {}): ResultCard {
  return {
    id: 1,
    thumbnail_url: "http://localhost/media/1-thumb.jpg",
    thumbnail_srcset: null,
    days_listed: 3,
    price_approx: null,
    title: "Toyota Camry 2019",
    make: "toyota",
    model: "camry",
    year: 2019,
    mileage_km: 64000,
    body_type: "sedan",
    fuel: "petrol",
    transmission: "automatic",
    regional_spec: "gcc",
    governorate: "capital",
    region: "capital",
    country: "bh",
    currency: "BHD",
    seller_type: "private",
    created_at: "2026-11-28T09:00:00Z",
    price_changed_at: null,
    deal_percent: null,
    price: "7200.000",
    price_drop: null,
    ...overrides,
  };
}

/** A listing in brief, as conversations and favourites carry it. */
export function summary(overrides: Partial<ListingSummary> = {}): ListingSummary {
  const { thumbnail_srcset: _srcset, ...brief } = card();
  return { ...brief, body_type: "sedan", governorate: "capital", status: "active", ...overrides };
}

export function searchAnswer(overrides: Partial<SearchAnswer> = {}): SearchAnswer {
  return {
    count: 1,
    page: 1,
    page_size: 24,
    results: [card()],
    facets: {
      make: [
        { value: "toyota", label_en: "Toyota", label_ar: "تويوتا", count: 1, selected: false },
        { value: "nissan", label_en: "Nissan", label_ar: "نيسان", count: 4, selected: false },
      ],
      fuel: [{ value: "petrol", label_en: "Petrol", label_ar: "بنزين", count: 5, selected: false }],
      year: { min: 2004, max: 2025 },
      price: { min: "900.000", max: "62000.000" },
    },
    typo_tolerant: false,
    understood: [],
    elsewhere: [],
    q: "",
    corrected: null,
    relax: null,
    nearest: [],
    ...overrides,
  };
}

export function listing(overrides: Partial<Listing> = {}): Listing {
  const photo = (id: number) => ({
    id,
    url: `http://localhost/media/${id}.jpg`,
    thumbnail_url: `http://localhost/media/${id}-thumb.jpg`,
    srcset: null,
    thumbnail_srcset: null,
    width: 1600,
    height: 1200,
    position: id,
  });
  return {
    id: 1,
    price_approx: null,
    title: "Toyota Camry 2019",
    make: "toyota",
    make_name_en: "Toyota",
    make_name_ar: "تويوتا",
    model: "camry",
    model_name_en: "Camry",
    model_name_ar: "كامري",
    trim: "GLE",
    year: 2019,
    price: "7200.000",
    currency: "BHD",
    country: "bh",
    mileage_km: 64000,
    body_type: "sedan",
    fuel: "petrol",
    transmission: "automatic",
    drivetrain: "fwd",
    exterior_color: "white",
    regional_spec: "gcc",
    condition: "used",
    governorate: "capital",
    region: "capital",
    description: "One owner, full service history.",
    price_drop: null,
    price_changed_at: null,
    deal_percent: null,
    seller_type: "private",
    created_at: "2026-11-28T09:00:00Z",
    updated_at: "2026-11-28T09:00:00Z",
    published_at: "2026-11-28T09:00:00Z",
    expires_at: null,
    sold_at: null,
    status: "active",
    held_for: "",
    seller: { id: 9, display_name: "Ali", account_type: "private", contacts: ["call", "whatsapp"], badges: [] },
    photos: [photo(1), photo(2), photo(3)],
    price_history: [],
    days_listed: 3,
    version: 1,
    ...overrides,
  };
}

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 5,
    email: "sara@example.com",
    display_name: "Sara",
    phone: null,
    account_type: "private",
    preferred_language: "en",
    country: "bh",
    phone_verified: false,
    shows_call: true,
    shows_whatsapp: true,
    date_joined: "2026-11-01T09:00:00Z",
    email_verified: true,
    is_analyst: false,
    is_staff: false,
    ...overrides,
  };
}

/** Bahrain as `catalog/enums` lists a country. */
export function bahrain(): Schema<"Country"> {
  const regions = [{ value: "capital", label_en: "Capital", label_ar: "العاصمة" }];
  return { value: "bh", label_en: "Bahrain", label_ar: "البحرين", currency: "BHD", decimals: 3, price_scale: 1, regions, phone: { dial_code: "+973", digits: 8, example: "+973 3600 1122" } };
}

/** Saudi Arabia: riyals, with two decimals. */
export function saudi(): Schema<"Country"> {
  const regions = [
    { value: "riyadh", label_en: "Riyadh", label_ar: "الرياض" },
    { value: "makkah", label_en: "Makkah", label_ar: "مكة المكرمة" },
  ];
  return { value: "sa", label_en: "Saudi Arabia", label_ar: "السعودية", currency: "SAR", decimals: 2, price_scale: 10, regions, phone: { dial_code: "+966", digits: 9, example: "+966 50 123 4567" } };
}

/** `catalog/enums`, a few choices of each; `overrides` empties or changes some. */
export function enums(overrides: Partial<Schema<"Enums">> = {}): Schema<"Enums"> {
  return {
  body_type: [{ value: "sedan", label_en: "Sedan", label_ar: "سيدان" }],
  drivetrain: [],
  color: [
    { value: "white", label_en: "White", label_ar: "أبيض" },
    { value: "black", label_en: "Black", label_ar: "أسود" },
  ],
  condition: [{ value: "used", label_en: "Used", label_ar: "مستعملة" }],
  seller_type: [],
  fuel: [{ value: "petrol", label_en: "Petrol", label_ar: "بنزين" }],
  transmission: [{ value: "automatic", label_en: "Automatic", label_ar: "أوتوماتيك" }],
  regional_spec: [{ value: "gcc", label_en: "GCC", label_ar: "خليجية" }],
  governorate: [{ value: "capital", label_en: "Capital", label_ar: "العاصمة" }],
  region: [{ value: "capital", label_en: "Capital", label_ar: "العاصمة" }],
  country: [bahrain()],

    ...overrides,
  };
}

/** `auth/token`'s answer: this device's own sign-in. */
export function signedIn(overrides: Partial<TokenOut> = {}): TokenOut {
  return { token: "key-1", id: 5, name: "Sara's iPhone", created_at: "2026-12-01T10:00:00Z", expires_at: "2027-03-01T10:00:00Z", ...overrides };
}

export function device(overrides: Partial<Device> = {}): Device {
  return { id: 11, token: "ExponentPushToken[test-device]", platform: "ios", language: "en", created_at: "2026-12-01T10:00:00Z", registered_at: "2026-12-01T10:00:00Z", ...overrides };
}

export function message(overrides: Partial<Message> = {}): Message {
  return { id: 1, conversation_id: 3, sender_id: 9, body: "Yes, still available.", created_at: "2026-12-01T10:00:00Z", read_at: null, warnings: [], ...overrides };
}

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 3,
    listing_id: 1,
    listing: summary(),
    role: "buyer",
    other_participant: { id: 9, display_name: "Ali" },
    unread_count: 1,
    last_message: message(),
    last_message_at: "2026-12-01T10:00:00Z",
    created_at: "2026-12-01T09:00:00Z",
    blocked_by_me: false,
    can_send: true,
    ...overrides,
  };
}
