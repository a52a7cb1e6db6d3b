// Fixtures shaped exactly like docs/API.md answers.
import type { CatalogMake } from "@/lib/catalog/get-makes";
import type { Enums } from "@/lib/catalog/get-enums";
import type { Listing, Photo, User } from "@/api/models";

export const makes: CatalogMake[] = [
  {
    slug: "toyota",
    name_en: "Toyota",
    name_ar: "تويوتا",
    models: [
      { slug: "land-cruiser", name_en: "Land Cruiser", name_ar: "لاندكروزر" },
      { slug: "camry", name_en: "Camry", name_ar: "كامري" },
    ],
  },
  {
    slug: "nissan",
    name_en: "Nissan",
    name_ar: "نيسان",
    models: [
      { slug: "patrol", name_en: "Patrol", name_ar: "باترول" },
      { slug: "altima", name_en: "Altima", name_ar: "ألتيما" },
    ],
  },
  { slug: "lexus", name_en: "Lexus", name_ar: "لكزس", models: [{ slug: "lx", name_en: "LX", name_ar: "إل إكس" }] },
];

const option = (value: string, label_en: string, label_ar: string) => ({ value, label_en, label_ar });

export const enums: Enums = {
  body_type: [option("suv", "SUV", "إس يو في"), option("sedan", "Sedan", "سيدان")],
  fuel: [option("petrol", "Petrol", "بنزين"), option("hybrid", "Hybrid", "هجين")],
  transmission: [option("automatic", "Automatic", "أوتوماتيك"), option("manual", "Manual", "يدوي")],
  drivetrain: [option("4wd", "4WD", "دفع رباعي"), option("fwd", "FWD", "دفع أمامي")],
  regional_spec: [option("gcc", "GCC", "خليجي"), option("american", "American", "أمريكي")],
  condition: [option("used", "Used", "مستعمل"), option("new", "New", "جديد")],
  region: [
    option("capital", "Capital", "العاصمة"),
    option("muharraq", "Muharraq", "المحرق"),
    option("riyadh", "Riyadh", "الرياض"),
    option("eastern", "Eastern Province", "المنطقة الشرقية"),
    option("dubai", "Dubai", "دبي"),
  ],
  governorate: [option("capital", "Capital", "العاصمة"), option("muharraq", "Muharraq", "المحرق")],
  country: [
    {
      ...option("bh", "Bahrain", "البحرين"),
      currency: "BHD",
      decimals: 3,
      price_scale: 1,
      regions: [option("capital", "Capital", "العاصمة"), option("muharraq", "Muharraq", "المحرق")],
      phone: { dial_code: "+973", digits: 8, example: "+973 3600 1122" },
    },
    {
      ...option("sa", "Saudi Arabia", "السعودية"),
      currency: "SAR",
      decimals: 2,
      price_scale: 10,
      regions: [option("riyadh", "Riyadh", "الرياض"), option("eastern", "Eastern Province", "المنطقة الشرقية")],
      phone: { dial_code: "+966", digits: 9, example: "+966 50 123 4567" },
    },
    {
      ...option("ae", "United Arab Emirates", "الإمارات"),
      currency: "AED",
      decimals: 2,
      price_scale: 10,
      regions: [option("dubai", "Dubai", "دبي")],
      phone: { dial_code: "+971", digits: 9, example: "+971 50 123 4567" },
    },
  ],
  color: [option("white", "White", "أبيض"), option("black", "Black", "أسود")],
  seller_type: [option("private", "Private", "فرد"), option("dealer", "Dealer", "معرض")],
};

export const seller: User = {
  id: 7,
  email: "seller@example.com",
  display_name: "Ali Motors",
  phone: null,
  account_type: "dealer",
  preferred_language: "en",
  country: "bh",
  date_joined: "2025-01-01T10:00:00+03:00",
  email_verified: true,
  phone_verified: false,
  shows_call: false,
  shows_whatsapp: false,
  is_analyst: false,
  is_staff: false,
};

export const buyer: User = {
  id: 3,
  email: "buyer@example.com",
  display_name: "Fatima",
  phone: "+97333123456",
  account_type: "private",
  preferred_language: "en",
  country: "bh",
  date_joined: "2025-02-01T10:00:00+03:00",
  email_verified: true,
  phone_verified: false,
  shows_call: false,
  shows_whatsapp: false,
  is_analyst: false,
  is_staff: false,
};

let nextId = 100;

/** A listing's photo at `path` (its .jpg and -thumb.jpg), in upload order. */
export function makePhoto(id: number, path: string): Photo {
  return { id, url: `${path}.jpg`, thumbnail_url: `${path}-thumb.jpg`, srcset: null, thumbnail_srcset: null, width: 1600, height: 1200, position: id - 1 };
}

export function makeListing(overrides: Partial<Listing> = {}): Listing {
  const id = overrides.id ?? (nextId += 1);
  return {
    id,
    title: "2021 Toyota Land Cruiser GXR",
    make: "toyota",
    make_name_en: "Toyota",
    make_name_ar: "تويوتا",
    model: "land-cruiser",
    model_name_en: "Land Cruiser",
    model_name_ar: "لاند كروزر",
    trim: "GXR",
    year: 2021,
    price: "18500.000",
    currency: "BHD",
    country: "bh",
    mileage_km: 45000,
    body_type: "suv",
    fuel: "petrol",
    transmission: "automatic",
    drivetrain: "4wd",
    exterior_color: "white",
    regional_spec: "gcc",
    condition: "used",
    region: "capital",
    governorate: "capital",
    description: "One owner, full service history.",
    seller_type: seller.account_type,
    status: "active",
    held_for: "",
    seller: { id: seller.id, display_name: seller.display_name, account_type: seller.account_type, contacts: [], badges: [] },
    photos: [makePhoto(1, "/media/p/1")],
    version: 1,
    created_at: "2026-11-20T09:00:00+03:00",
    updated_at: "2026-11-20T09:00:00+03:00",
    published_at: "2026-11-20T09:00:00+03:00",
    expires_at: "2027-01-19T09:00:00+03:00",
    sold_at: null,
    price_history: [{ price: overrides.price ?? "18500.000", changed_at: "2026-11-20T09:00:00+03:00" }],
    price_drop: null,
    price_approx: null,
    price_changed_at: null,
    deal_percent: null,
    days_listed: 11,
    ...overrides,
  };
}

export function seedListings(): Listing[] {
  return [
    makeListing({ id: 1 }),
    makeListing({ id: 2, title: "2019 Toyota Camry", model: "camry", year: 2019, price: "6200.000", mileage_km: 88000, body_type: "sedan" }),
    makeListing({ id: 3, title: "2022 Nissan Patrol", make: "nissan", model: "patrol", year: 2022, price: "21900.500", mileage_km: 30000 }),
    makeListing({ id: 4, title: "2018 Nissan Altima", make: "nissan", model: "altima", year: 2018, price: "3900.000", mileage_km: 120000, regional_spec: "american", body_type: "sedan" }),
    makeListing({ id: 5, title: "2020 Lexus LX", make: "lexus", model: "lx", year: 2020, price: "26000.000", mileage_km: 60000 }),
  ];
}
