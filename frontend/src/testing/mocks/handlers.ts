import { http, HttpResponse, ws } from "msw";
import { buyer, enums, makeListing, makePhoto, makes, seedListings, seller } from "@/testing/mocks/db";
import type { Notification } from "@/features/account/api/get-notifications";
import type { MarketValue } from "@/features/listings/api/get-market-value";
import type { Conversation, Message, MessageWarning } from "@/features/messaging/types/messaging";
import type { Relax, Understood } from "@/features/search/types/search";
import type { AccountType, Listing, User } from "@/api/models";
import { COUNTRIES, COUNTRY_CURRENCY, isCountry } from "@/lib/country";
import { currencyDecimals } from "@/lib/format";

// An in-memory backend that follows docs/API.md, reset before every test.
export const state = {
  user: null as User | null,
  users: new Map<string, User>(),
  tokens: new Map<string, User>(),
  listings: [] as Listing[],
  /** Favourites by listing id, newest last: the price when saved and when. */
  favorites: new Map<number, { saved_price: string; favorited_at: string }>(),
  messages: [] as Message[],
  /** The buyer–seller pair of conversation 9: who blocked whom, from the caller's side. */
  blockedByMe: false,
  blockedMe: false,
  /** Seconds of Retry-After while sending is rate limited (docs/decisions/messaging.md). */
  sendRetryAfter: null as number | null,
  reports: [] as { conversation: number; reason: string }[],
  notifications: [] as Notification[],
  requests: [] as { method: string; url: string; body?: unknown; headers: Headers }[],
  searchDown: false,
  /** Wrong passwords per address; the fifth locks the account (docs/API-notes/accounts.md). */
  loginFailures: new Map<string, number>(),
  /** GET /listings/{id}/market-value answers by listing id; others have too few comparables. */
  marketValues: new Map<number, Partial<MarketValue>>(),
  /** Reset links that work: `${uid}:${token}`. */
  resetLinks: new Set<string>(["MQ:set-password"]),
  /** The dev mock server tells people apart by a cookie; unit tests use `user`. */
  cookieSessions: false,
  /** This browser's recommendation settings (GET/PUT /me/recommendations/settings). */
  recommendations: { enabled: true, signals: 3, history_cleared_at: null as string | null },
  /** Exchange rates staff set, by "BHD>SAR" (docs/API-notes/exchange-rates.md). */
  rates: new Map<string, string>(),
};

export function resetState(): void {
  state.user = null;
  state.users = new Map();
  state.tokens = new Map();
  state.listings = seedListings();
  state.favorites = new Map();
  state.messages = [];
  state.blockedByMe = false;
  state.blockedMe = false;
  state.sendRetryAfter = null;
  state.reports = [];
  state.notifications = seedNotifications();
  state.requests = [];
  state.searchDown = false;
  state.loginFailures = new Map();
  state.resetLinks = new Set(["MQ:set-password"]);
  state.recommendations = { enabled: true, signals: 3, history_cleared_at: null };
  state.rates = new Map();
  state.marketValues = new Map([[1, { rating: "good", difference_percent: -8.3, comparables_count: 12, estimate: { low: "18800.000", median: "20170.000", high: "21600.500" } }]]);
}

const API = "*/api/v1";

const FILTERS = ["make", "model", "body_type", "fuel", "transmission", "drivetrain", "regional_spec", "condition", "region"] as const;

function fils(price: string): number {
  const [whole, fraction = ""] = price.split(".");
  return Number(whole) * 1000 + Number((fraction + "000").slice(0, 3));
}

/** Edit distance, for the engine's typo tolerance (fuzziness 2). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Every word of the text is in the title, exactly or (fuzzy) within two edits. */
function textMatches(title: string, q: string, fuzzy: boolean): boolean {
  const words = title.toLowerCase().split(/\s+/);
  if (!fuzzy) return title.toLowerCase().includes(q);
  return q.split(/\s+/).every((term) => words.some((word) => distance(word, term) <= 2));
}

type Canned = { understood: Understood[]; q: string; corrected?: string; relax?: Relax; nearestIds?: number[] };
/** What the real parser answers for these words (search/tests/test_understanding.py holds its cases). */
const UNDERSTOOD: Record<string, Canned> = {
  "nissan under 20000": {
    understood: [
      { field: "make", value: "nissan", text: "nissan" },
      { field: "price_max", value: "20000.000", text: "under 20000" },
    ],
    q: "",
  },
  "toyota gxr": { understood: [{ field: "make", value: "toyota", text: "toyota" }], q: "gxr" },
  "patrol under 5000": {
    understood: [
      { field: "make", value: "nissan", text: "patrol" },
      { field: "model", value: "patrol", text: "patrol" },
      { field: "price_max", value: "5000.000", text: "under 5000" },
    ],
    q: "",
    relax: { text: "under 5000", filters: ["price_max"], count: 1 },
    nearestIds: [3],
  },
  camrry: {
    understood: [
      { field: "make", value: "toyota", text: "camry" },
      { field: "model", value: "camry", text: "camry" },
    ],
    q: "",
    corrected: "camry",
  },
};

function matches(listing: Listing, params: URLSearchParams, skip?: string, fuzzy = false): boolean {
  if (listing.status !== "active") return false;
  // Every search is of one country, Bahrain unless named (the API's default).
  if (listing.country !== (params.get("country") ?? "bh")) return false;
  for (const field of FILTERS) {
    if (field === skip) continue;
    const wanted = params.getAll(field);
    if (wanted.length && !wanted.includes(String(listing[field]))) return false;
  }
  const bound = (key: string) => (params.get(key) ? Number(params.get(key)) : null);
  const priceMin = bound("price_min");
  const priceMax = bound("price_max");
  if (priceMin !== null && fils(listing.price) < priceMin * 1000) return false;
  if (priceMax !== null && fils(listing.price) > priceMax * 1000) return false;
  const yearMin = bound("year_min");
  const yearMax = bound("year_max");
  if (yearMin !== null && listing.year < yearMin) return false;
  if (yearMax !== null && listing.year > yearMax) return false;
  const q = params.get("q")?.toLowerCase().trim();
  if (q && !textMatches(listing.title, q, fuzzy)) return false;
  return true;
}

function facet(field: (typeof FILTERS)[number], params: URLSearchParams, fuzzy: boolean) {
  const counts = new Map<string, number>();
  for (const listing of state.listings) {
    if (!matches(listing, params, field, fuzzy)) continue;
    const value = String(listing[field]);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  for (const selected of params.getAll(field)) if (!counts.has(selected)) counts.set(selected, 0);
  return [...counts].map(([value, count]) => {
    const make = makes.find((item) => item.slug === value);
    const model = makes.flatMap((item) => item.models).find((item) => item.slug === value);
    const option = (enums[field as keyof typeof enums] ?? []).find((item) => item.value === value);
    return {
      value,
      label_en: make?.name_en ?? model?.name_en ?? option?.label_en ?? value,
      label_ar: make?.name_ar ?? model?.name_ar ?? option?.label_ar ?? value,
      count,
      selected: params.getAll(field).includes(value),
    };
  });
}

function summary(listing: Listing) {
  return {
    id: listing.id,
    title: listing.title,
    make: listing.make,
    model: listing.model,
    year: listing.year,
    price: listing.price,
    mileage_km: listing.mileage_km,
    body_type: listing.body_type,
    fuel: listing.fuel,
    transmission: listing.transmission,
    regional_spec: listing.regional_spec,
    region: listing.region,
    governorate: listing.governorate,
    country: listing.country,
    currency: listing.currency,
    seller_type: listing.seller.account_type as AccountType,
    thumbnail_url: listing.photos[0]?.thumbnail_url ?? null,
    created_at: listing.created_at,
    price_drop: listing.price_drop,
    price_changed_at: listing.price_changed_at,
    deal_percent: listing.deal_percent,
    days_listed: listing.days_listed,
  };
}

/** `price_approx` as web/api/price_approx.py works it out: staff's rate (or the inverse one), the buyer's decimals. */
function priceApprox(listing: Pick<Listing, "price" | "currency">, request: Request) {
  const to = new URL(request.url).searchParams.get("display_currency")?.toUpperCase();
  if (!to || to === listing.currency) return null;
  const direct = state.rates.get(`${listing.currency}>${to}`);
  const inverse = state.rates.get(`${to}>${listing.currency}`);
  const rate = direct ? Number(direct) : inverse ? 1 / Number(inverse) : null;
  return rate === null ? null : { currency: to, price: (Number(listing.price) * rate).toFixed(currencyDecimals(to)) };
}

/** A listing in brief as notifications and conversations carry it: a search hit plus its status and currency. */
function brief(listing: Listing) {
  return { ...summary(listing), price: listing.price, currency: listing.currency, status: listing.status, price_approx: null };
}

const TOYOTA_SUVS = { id: 1, name: "Toyota SUVs", query: "body_type=suv&make=toyota" };
const NISSANS = { id: 2, name: "Nissan, up to 25000 BHD", query: "make=nissan&price_max=25000" };

function seedNotifications(): Notification[] {
  const listings = seedListings();
  const byId = (id: number) => brief(listings.find((listing) => listing.id === id)!);
  return [
    { id: 3, kind: "new_match", saved_search: NISSANS, listing: byId(4), created_at: "2026-11-25T09:30:00+03:00", read_at: null },
    { id: 2, kind: "new_match", saved_search: NISSANS, listing: byId(3), created_at: "2026-11-25T08:30:00+03:00", read_at: null },
    { id: 1, kind: "new_match", saved_search: TOYOTA_SUVS, listing: byId(1), created_at: "2026-11-25T08:00:00+03:00", read_at: "2026-11-25T08:10:00+03:00" },
  ];
}

/** `page` and `page_size` as the API reads them: 1-based, at most 100 a page. */
function paged<T>(items: T[], params: URLSearchParams, defaultSize = 20) {
  const page = Math.max(1, Number(params.get("page") ?? 1));
  const pageSize = Math.min(Math.max(1, Number(params.get("page_size") ?? defaultSize)), 100);
  return { count: items.length, page, page_size: pageSize, results: items.slice((page - 1) * pageSize, page * pageSize) };
}

/** Contact details in a message body, as core/messaging/contact.py spots them. */
function warningsOf(body: string): MessageWarning[] {
  const warnings: MessageWarning[] = [];
  if (/(\d[\s-]?){7,}/.test(body)) warnings.push("phone_number");
  if (/https?:\/\/|www\./i.test(body)) warnings.push("link");
  if (/[^@\s]+@[^@\s]+\.[a-z]{2,}/i.test(body)) warnings.push("email");
  return warnings;
}

/** Conversation 9, about listing 1, as the caller sees it (docs/decisions/messaging.md). */
function conversationFor(request: Request, id = 9): Conversation {
  const me = caller(request);
  const iAmSeller = me?.id === seller.id;
  const other = iAmSeller ? buyer : seller;
  const last = state.messages[state.messages.length - 1] ?? null;
  const listing = state.listings.find((item) => item.id === 1)!;
  return {
    id,
    listing_id: 1,
    listing: { ...brief(listing), price_approx: priceApprox(listing, request) },
    role: iAmSeller ? "seller" : "buyer",
    other_participant: { id: other.id, display_name: other.display_name },
    unread_count: state.messages.filter((message) => message.sender_id !== me?.id && !message.read_at).length,
    last_message: last,
    last_message_at: last?.created_at ?? "2026-11-25T09:00:00+03:00",
    created_at: "2026-11-25T09:00:00+03:00",
    blocked_by_me: state.blockedByMe,
    can_send: !(state.blockedByMe || state.blockedMe),
  };
}

/** 403 {detail, code} when either blocked the other; 429 while rate limited. */
function sendRefused(): Response | null {
  if (state.blockedMe) return HttpResponse.json({ detail: "This user has blocked you: you can no longer send them messages.", code: "blocked" }, { status: 403 });
  if (state.blockedByMe) return HttpResponse.json({ detail: "You blocked this user. Unblock them to send a message.", code: "you_blocked" }, { status: 403 });
  if (state.sendRetryAfter) {
    const seconds = state.sendRetryAfter;
    return HttpResponse.json(
      { detail: `You are sending messages too quickly. Try again in ${seconds} seconds.`, retry_after: seconds },
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }
  return null;
}

const SESSION_COOKIE = "mock_session";

/** Who is calling: `Authorization: Token <key>`, else the session. */
function caller(request: Request): User | null {
  const auth = request.headers.get("Authorization");
  if (auth?.startsWith("Token ")) return state.tokens.get(auth.slice(6)) ?? null;
  if (!state.cookieSessions) return state.user;
  const id = /(?:^|;\s*)mock_session=(\d+)/.exec(request.headers.get("Cookie") ?? "")?.[1];
  return [...state.users.values()].find((user) => String(user.id) === id) ?? null;
}

function record(request: Request, body?: unknown) {
  state.requests.push({ method: request.method, url: request.url, body, headers: request.headers });
}

/** The sign-in and reset views check CSRF even for anonymous callers, as Django does there. */
function csrfRefused(request: Request): Response | null {
  if (request.headers.get("X-CSRFToken")) return null;
  return HttpResponse.json({ detail: "CSRF Failed: CSRF token missing." }, { status: 403 });
}

const LOGIN_FREE_FAILURES = 5;
const LOGIN_WAIT_SECONDS = 30;

export const chat = ws.link("ws://*/ws/chat/");

export const httpHandlers = [
  http.get(`${API}/auth/csrf`, () => new HttpResponse(null, { status: 204, headers: { "Set-Cookie": "csrftoken=test-csrf; Path=/" } })),
  http.get(`${API}/me`, ({ request }) => {
    const user = caller(request);
    return user ? HttpResponse.json(user) : HttpResponse.json({ detail: "Not signed in" }, { status: 401 });
  }),
  http.patch(`${API}/me`, async ({ request }) => {
    const body = (await request.json()) as Partial<User>;
    record(request, body);
    const user = caller(request);
    if (!user) return HttpResponse.json({ detail: "Authentication credentials were not provided." }, { status: 401 });
    if (body.phone && !/^\+973\d{8}$/.test(body.phone)) return HttpResponse.json({ phone: ["Enter +973 followed by 8 digits."] }, { status: 400 });
    Object.assign(user, body);
    return HttpResponse.json(user);
  }),
  http.post(`${API}/auth/register`, async ({ request }) => {
    const body = (await request.json()) as { email: string; password: string; display_name: string; phone?: string };
    record(request, body);
    const refused = csrfRefused(request);
    if (refused) return refused;
    // The same answer for a new and a taken address: a link (or a notice to the owner) goes to it.
    if (!state.users.has(body.email)) {
      const user: User = {
        ...buyer,
        id: 500 + state.users.size,
        email: body.email,
        display_name: body.display_name,
        phone: body.phone ?? null,
        email_verified: false,
      };
      state.users.set(body.email, user);
    }
    const detail = `We sent a link to ${body.email}. Open it to confirm your address, then sign in.`;
    return HttpResponse.json({ detail, email: body.email }, { status: 202 });
  }),
  http.post(`${API}/auth/verify-email`, async ({ request }) => {
    const body = (await request.json()) as { token?: string };
    record(request, body);
    const email = body.token?.startsWith("valid:") ? body.token.slice("valid:".length) : null;
    const user = email ? state.users.get(email) : undefined;
    if (!user) return HttpResponse.json({ token: ["This verification link is invalid or has expired. Ask for a new one."] }, { status: 400 });
    state.users.set(email!, { ...user, email_verified: true });
    return HttpResponse.json({ email_verified: true, signed_in: false, user: null });
  }),
  http.post(`${API}/auth/verify-email/resend`, async ({ request }) => {
    record(request, await request.json().catch(() => ({})));
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/auth/login`, async ({ request }) => {
    const body = (await request.json()) as { email: string; password: string };
    record(request, body);
    const refused = csrfRefused(request);
    if (refused) return refused;
    if ((state.loginFailures.get(body.email) ?? 0) >= LOGIN_FREE_FAILURES) {
      // core/accounts/limits.py: this client waits, longer after each further failure; nobody is locked out.
      return HttpResponse.json(
        {
          detail: `Too many wrong passwords. Wait ${LOGIN_WAIT_SECONDS} seconds before trying again, or reset your password.`,
          retry_after: LOGIN_WAIT_SECONDS,
        },
        { status: 429, headers: { "Retry-After": String(LOGIN_WAIT_SECONDS) } },
      );
    }
    const registered = state.users.get(body.email);
    if (body.password !== "correct-horse" && !registered) {
      state.loginFailures.set(body.email, (state.loginFailures.get(body.email) ?? 0) + 1);
      return HttpResponse.json({ non_field_errors: ["Unable to sign in with these details."] }, { status: 400 });
    }
    state.user = registered ?? { ...buyer, email: body.email };
    return HttpResponse.json(state.user, { headers: { "Set-Cookie": `${SESSION_COOKIE}=${state.user.id}; Path=/` } });
  }),
  http.post(`${API}/auth/token`, async ({ request }) => {
    const body = (await request.json()) as { email: string };
    const user = state.users.get(body.email);
    if (!user) return HttpResponse.json({ non_field_errors: ["Unable to sign in with these details."] }, { status: 400 });
    const token = `token-${user.id}`;
    state.tokens.set(token, user);
    return HttpResponse.json({ token });
  }),
  http.post(`${API}/auth/password-reset`, async ({ request }) => {
    const body = (await request.json()) as { email?: string };
    record(request, body);
    const refused = csrfRefused(request);
    if (refused) return refused;
    if (!body.email?.trim()) return HttpResponse.json({ email: ["Enter the email address of your account."] }, { status: 400 });
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email.trim())) return HttpResponse.json({ email: ["Enter a valid email address."] }, { status: 400 });
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/auth/password-reset/confirm`, async ({ request }) => {
    const body = (await request.json()) as { uid?: string; token?: string; new_password?: string };
    record(request, body);
    const refused = csrfRefused(request);
    if (refused) return refused;
    const link = `${body.uid}:${body.token}`;
    if (!state.resetLinks.has(link)) {
      return HttpResponse.json({ token: ["This reset link is invalid or has expired. Ask for a new one."] }, { status: 400 });
    }
    if (!body.new_password || body.new_password.length < 8) {
      return HttpResponse.json({ new_password: ["This password is too short. It must contain at least 8 characters."] }, { status: 400 });
    }
    state.resetLinks.delete(link); // a link works once
    state.user = null;
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/auth/logout`, () => {
    state.user = null;
    return new HttpResponse(null, { status: 204, headers: { "Set-Cookie": `${SESSION_COOKIE}=; Path=/; Max-Age=0` } });
  }),

  http.get(`${API}/catalog/makes`, () => HttpResponse.json(makes)),
  http.get(`${API}/catalog/enums`, () => HttpResponse.json(enums)),

  http.get(`${API}/search/listings`, ({ request }) => {
    if (state.searchDown) return HttpResponse.json({ detail: "Search is temporarily unavailable." }, { status: 503 });
    const asked = new URL(request.url).searchParams;
    record(request);
    // The server understands the words (search/understanding); here a few answers are canned.
    const canned = asked.get("literal") === "1" ? undefined : UNDERSTOOD[asked.get("q") ?? ""];
    const params = new URLSearchParams(asked);
    if (canned) {
      params.delete("q");
      if (canned.q) params.set("q", canned.q);
      for (const item of canned.understood) params.append(item.field, item.value.replace(/\.000$/, ""));
    }
    // As search/params.py validates them.
    const refused: Record<string, string[]> = {};
    const yearMin = params.get("year_min");
    if (yearMin && !(Number(yearMin) >= 1950 && Number(yearMin) <= 2027)) refused.year_min = ["Must be a whole number between 1950 and 2027."];
    if (Number(params.get("page") ?? 1) > 10000)
      refused.page = ["Only the first 10,000 results can be paged through; narrow the search or change the sort."];
    if (Object.keys(refused).length) return HttpResponse.json(refused, { status: 400 });
    const page = Number(params.get("page") ?? 1);
    const pageSize = Math.min(Number(params.get("page_size") ?? 24), 100);
    // Like the engine: typo-tolerant matching only when exact matching finds nothing.
    const exact = state.listings.filter((listing) => matches(listing, params));
    const fuzzy = exact.length === 0 && Boolean(params.get("q"));
    const hits = fuzzy ? state.listings.filter((listing) => matches(listing, params, undefined, true)) : exact;
    const sort = params.get("sort");
    if (sort === "price_asc") hits.sort((a, b) => fils(a.price) - fils(b.price));
    if (sort === "price_desc") hits.sort((a, b) => fils(b.price) - fils(a.price));
    const prices = hits.map((listing) => listing.price).sort((a, b) => fils(a) - fils(b));
    const years = hits.map((listing) => listing.year);
    return HttpResponse.json({
      count: hits.length,
      page,
      page_size: pageSize,
      results: hits.slice((page - 1) * pageSize, page * pageSize).map((listing) => ({ ...summary(listing), price_approx: priceApprox(listing, request) })),
      facets: {
        ...Object.fromEntries(FILTERS.map((field) => [field, facet(field, params, fuzzy)])),
        year: { min: years.length ? Math.min(...years) : null, max: years.length ? Math.max(...years) : null, buckets: [] },
        price: { min: prices[0] ?? null, max: prices[prices.length - 1] ?? null, buckets: [] },
        mileage_km: { min: 0, max: 120000, buckets: [] },
      },
      typo_tolerant: fuzzy && hits.length > 0,
      understood: canned?.understood ?? [],
      elsewhere: [],
      q: canned ? canned.q : (asked.get("q") ?? ""),
      corrected: canned?.corrected ?? null,
      relax: hits.length === 0 && canned?.relax ? canned.relax : null,
      nearest: hits.length === 0 && canned?.relax ? state.listings.filter((listing) => canned.nearestIds?.includes(listing.id)).map(summary) : [],
    });
  }),
  http.get(`${API}/search/suggest`, ({ request }) => {
    const q = new URL(request.url).searchParams.get("q")?.toLowerCase() ?? "";
    return HttpResponse.json(
      makes
        .flatMap((make) => make.models.map((model) => ({ text: `${make.name_en} ${model.name_en}`, make: make.slug, model: model.slug, count: 1 })))
        .filter((item) => item.text.toLowerCase().includes(q)),
    );
  }),

  http.get(`${API}/listings/:id`, ({ params, request }) => {
    const listing = state.listings.find((item) => item.id === Number(params.id));
    return listing ? HttpResponse.json({ ...listing, price_approx: priceApprox(listing, request) }) : HttpResponse.json({ detail: "Not found." }, { status: 404 });
  }),
  http.get(`${API}/listings/:id/market-value`, ({ params, request }) => {
    record(request);
    const listing = state.listings.find((item) => item.id === Number(params.id));
    if (!listing) return HttpResponse.json({ detail: "Not found." }, { status: 404 });
    const known = state.marketValues.get(listing.id);
    return HttpResponse.json({
      listing_id: listing.id,
      price: listing.price,
      rating: null,
      reason: known?.rating ? null : "not_enough_comparables",
      difference_percent: null,
      estimate: null,
      comparables_count: 2,
      comparables: [],
      criteria: { make: listing.make, model: listing.model, year_min: listing.year - 2, year_max: listing.year + 2, sold_within_days: 180, min_comparables: 5 },
      ...known,
    });
  }),
  http.post(`${API}/listings/:id/contact-click`, ({ params, request }) => {
    record(request);
    const listing = state.listings.find((item) => item.id === Number(params.id));
    return listing ? new HttpResponse(null, { status: 204 }) : HttpResponse.json({ detail: "Not found." }, { status: 404 });
  }),
  http.get(`${API}/me/recommendations`, ({ request }) => {
    record(request);
    const { enabled, signals } = state.recommendations;
    const results = !enabled
      ? []
      : state.listings
          .filter((item) => item.status === "active")
          .slice(0, 3)
          .map((item) => ({
            ...summary(item),
            reason: signals
              ? { code: "interests", text_en: `Because you looked at ${item.make} cars`, text_ar: `لأنك تصفحت سيارات ${item.make}` }
              : { code: "new", text_en: "New on Sayara", text_ar: "جديدة على سيارة" },
          }));
    return HttpResponse.json({ count: results.length, page: 1, page_size: 8, results, enabled });
  }),
  http.get(`${API}/me/recommendations/settings`, () => HttpResponse.json(state.recommendations)),
  http.put(`${API}/me/recommendations/settings`, async ({ request }) => {
    const body = (await request.json()) as { enabled?: unknown };
    record(request, body);
    if (typeof body.enabled !== "boolean") return HttpResponse.json({ enabled: ["Must be a valid boolean."] }, { status: 400 });
    state.recommendations = body.enabled
      ? { ...state.recommendations, enabled: true }
      : { enabled: false, signals: 0, history_cleared_at: new Date().toISOString() };
    return HttpResponse.json(state.recommendations);
  }),
  http.delete(`${API}/me/recommendations/history`, ({ request }) => {
    record(request);
    state.recommendations = { ...state.recommendations, signals: 0, history_cleared_at: new Date().toISOString() };
    return new HttpResponse(null, { status: 204 });
  }),
  http.get(`${API}/listings/:id/also-viewed`, ({ params }) => {
    const results = state.listings.filter((item) => item.id !== Number(params.id) && item.status === "active").slice(-2).map(summary);
    return HttpResponse.json({ count: results.length, page: 1, page_size: 8, results });
  }),
  http.post(`${API}/listings/:id/engagement`, async ({ request }) => {
    record(request, await request.json());
    return new HttpResponse(null, { status: 204 });
  }),
  http.get(`${API}/listings/:id/similar`, ({ params, request }) =>
    HttpResponse.json(
      state.listings
        .filter((item) => item.id !== Number(params.id))
        .slice(0, 3)
        .map((listing) => ({ ...summary(listing), price_approx: priceApprox(listing, request) })),
    ),
  ),
  http.post(`${API}/listings`, async ({ request }) => {
    const body = (await request.json()) as Partial<Listing>;
    record(request, body);
    const author = caller(request);
    if (!author) return HttpResponse.json({ detail: "Authentication credentials were not provided." }, { status: 401 });
    const errors: Record<string, string[]> = {};
    if (!body.make) errors.make = ["This field is required."];
    if (!body.model) errors.model = ["This field is required."];
    if (!body.year || body.year < 1950 || body.year > 2027) errors.year = ["Must be a whole number between 1950 and 2027."];
    if (!body.price || !/^\d+(\.\d{1,3})?$/.test(String(body.price))) errors.price = ["Enter a price in BHD with up to 3 decimals."];
    if (Object.keys(errors).length) return HttpResponse.json(errors, { status: 400 });
    const title = body.title || `${body.year} ${body.make} ${body.model}`;
    const listing = makeListing({ ...body, title, photos: [], seller: { id: author.id, display_name: author.display_name, account_type: "private", contacts: [], badges: [] } });
    state.listings.push(listing);
    return HttpResponse.json(listing, { status: 201 });
  }),
  http.patch(`${API}/listings/:id`, async ({ request, params }) => {
    const body = (await request.json()) as Partial<Listing>;
    record(request, body);
    const listing = state.listings.find((item) => item.id === Number(params.id));
    if (!listing) return HttpResponse.json({ detail: "Not found." }, { status: 404 });
    Object.assign(listing, body, { version: listing.version + 1 });
    return HttpResponse.json({ ...listing, price_approx: priceApprox(listing, request) });
  }),
  http.post(`${API}/listings/:id/photos`, async ({ request, params }) => {
    const form = await request.formData();
    record(request, form);
    const listing = state.listings.find((item) => item.id === Number(params.id));
    if (!listing) return HttpResponse.json({ detail: "Not found." }, { status: 404 });
    if (!(form.get("image") instanceof File)) return HttpResponse.json({ image: ["No file was submitted."] }, { status: 400 });
    const id = listing.photos.length + 1;
    const photo = makePhoto(id, `/media/listings/${listing.id}/${id}`);
    listing.photos.push(photo);
    return HttpResponse.json(photo, { status: 201 });
  }),
  http.delete(`${API}/listings/:id/photos/:photoId`, ({ params, request }) => {
    record(request);
    const listing = state.listings.find((item) => item.id === Number(params.id));
    if (listing) listing.photos = listing.photos.filter((photo) => photo.id !== Number(params.photoId));
    return new HttpResponse(null, { status: 204 });
  }),
  http.delete(`${API}/listings/:id`, ({ params }) => {
    state.listings = state.listings.filter((item) => item.id !== Number(params.id));
    return new HttpResponse(null, { status: 204 });
  }),
  http.get(`${API}/me/listings`, ({ request }) => {
    const mine = state.listings.filter((item) => item.seller.id === caller(request)?.id);
    return HttpResponse.json({ count: mine.length, page: 1, page_size: 20, results: mine });
  }),

  http.get(`${API}/me/favorites`, ({ request }) => {
    record(request);
    const newestFirst = [...state.favorites].reverse();
    const results = newestFirst.flatMap(([id, saved]) => {
      const listing = state.listings.find((item) => item.id === id && item.status === "active");
      return listing
        ? [{ ...listing, ...saved, price_dropped: fils(listing.price) < fils(saved.saved_price), price_approx: priceApprox(listing, request) }]
        : [];
    });
    return HttpResponse.json(paged(results, new URL(request.url).searchParams, 20));
  }),
  http.get(`${API}/me/favorites/ids`, ({ request }) => {
    record(request);
    return HttpResponse.json({ ids: [...state.favorites.keys()].reverse() });
  }),
  http.put(`${API}/me/favorites/:id`, ({ params, request }) => {
    record(request);
    const listing = state.listings.find((item) => item.id === Number(params.id));
    if (!listing) return HttpResponse.json({ detail: "Not found." }, { status: 404 });
    // Idempotent: a second PUT keeps the first saved price.
    if (!state.favorites.has(listing.id)) state.favorites.set(listing.id, { saved_price: listing.price, favorited_at: new Date().toISOString() });
    return new HttpResponse(null, { status: 204 });
  }),
  http.delete(`${API}/me/favorites/:id`, ({ params, request }) => {
    record(request);
    state.favorites.delete(Number(params.id));
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/me/saved-searches`, async ({ request }) => {
    const body = await request.json();
    record(request, body);
    return HttpResponse.json({ id: 1, ...(body as object) }, { status: 201 });
  }),

  http.get(`${API}/analytics/price-suggestion`, ({ request }) => {
    record(request);
    if (!caller(request)) return HttpResponse.json({ detail: "Authentication credentials were not provided." }, { status: 401, headers: { "WWW-Authenticate": "Token" } });
    const params = new URL(request.url).searchParams;
    const make = params.get("make") ?? "";
    const model = params.get("model") ?? "";
    const year = Number(params.get("year"));
    if (!makes.some((item) => item.slug === make && item.models.some((option) => option.slug === model))) {
      return HttpResponse.json({ model: [`'${model}' is not a model of '${make}'; see /api/v1/catalog/makes.`] }, { status: 400 });
    }
    if (!Number.isInteger(year) || year < 1950 || year > 2027) return HttpResponse.json({ year: ["Must be a whole number between 1950 and 2027."] }, { status: 400 });
    const enough = make === "nissan" && model === "patrol";
    return HttpResponse.json({
      suggested_price: enough ? { low: "8200.000", median: "8899.500", high: "9600.000" } : null,
      reason: enough ? null : "not_enough_comparables",
      comparables_count: enough ? 9 : 1,
      comparables: [],
      criteria: { make, model, year_min: year - 2, year_max: year + 2, sold_within_days: 180, min_comparables: 5 },
    });
  }),
  http.get(`${API}/analytics/countries`, ({ request }) => {
    record(request);
    const params = new URL(request.url).searchParams;
    const codes = (params.get("countries") ?? COUNTRIES.join(",")).split(",");
    const unknown = codes.find((code) => !isCountry(code));
    if (unknown) return HttpResponse.json({ countries: [`Unknown country '${unknown}'.`] }, { status: 400 });
    const rows = codes.filter(isCountry).map((code) => {
      const scoped = new URLSearchParams(params);
      scoped.delete("countries");
      scoped.set("country", code);
      const found = state.listings.filter((listing) => matches(listing, scoped));
      const prices = found.map((listing) => listing.price).sort((a, b) => Number(a) - Number(b));
      const at = (share: number) => (prices.length ? prices[Math.floor(share * (prices.length - 1))] : null);
      const miles = found.map((listing) => listing.mileage_km).sort((a, b) => a - b);
      const makeCounts = new Map<string, number>();
      for (const listing of found) makeCounts.set(listing.make, (makeCounts.get(listing.make) ?? 0) + 1);
      return {
        country: code,
        currency: COUNTRY_CURRENCY[code],
        count: found.length,
        price: { p10: at(0.1), p25: at(0.25), median: at(0.5), p75: at(0.75), p90: at(0.9) },
        mileage_km: { p10: null, p25: null, median: miles.length ? miles[Math.floor((miles.length - 1) / 2)] : null, p75: null, p90: null },
        median_year: found.length ? found[0].year : null,
        median_age_years: found.length ? 2026 - found[0].year : null,
        median_days_listed: found.length ? 12 : null,
        top_makes: [...makeCounts].sort((a, b) => b[1] - a[1]).map(([make, count]) => ({ make, count, share_percent: Math.round((1000 * count) / found.length) / 10 })),
      };
    });
    if (request.headers.get("Accept")?.includes("text/csv")) {
      const lines = ["country,currency,count,price_median", ...rows.map((row) => [row.country, row.currency, row.count, row.price.median ?? ""].join(","))];
      return new HttpResponse(lines.join("\n"), { headers: { "Content-Type": "text/csv" } });
    }
    return HttpResponse.json({ countries: rows, generated_at: new Date().toISOString() });
  }),
  http.get(`${API}/analytics/market`, ({ request }) => {
    record(request);
    return HttpResponse.json({
      count: 14,
      price: { p10: "12000.000", p25: "15000.000", median: "17500.000", p75: "20000.000", p90: "24000.000" },
      mileage_km: { p10: 10000, p25: 30000, median: 50000, p75: 80000, p90: 110000 },
      median_days_listed: 21,
    });
  }),

  http.get(`${API}/me/saved-searches`, () =>
    HttpResponse.json({ count: 1, page: 1, page_size: 20, results: [{ id: 1, name: "Toyota SUVs", query: "make=toyota&body_type=suv", alert: true }] }),
  ),
  http.delete(`${API}/me/saved-searches/:id`, () => new HttpResponse(null, { status: 204 })),
  http.get(`${API}/me/alert-emails`, () => HttpResponse.json({ frequency: "instant", saved_searches: true, price_drops: true, messages: true })),
  http.patch(`${API}/me/alert-emails`, async ({ request }) => {
    const changes = (await request.json()) as Record<string, unknown>;
    record(request, changes);
    return HttpResponse.json({ frequency: "instant", saved_searches: true, price_drops: true, messages: true, ...changes });
  }),
  http.get(`${API}/me/notifications`, ({ request }) => {
    record(request);
    const params = new URL(request.url).searchParams;
    const unread = state.notifications.filter((item) => !item.read_at);
    const shown = (params.get("unread") === "true" ? unread : state.notifications).map((item) => ({
      ...item,
      listing: { ...item.listing, price_approx: priceApprox(item.listing, request) },
    }));
    return HttpResponse.json({ ...paged(shown, params), unread_count: unread.length });
  }),
  http.get(`${API}/me/notifications/unread-count`, ({ request }) => {
    record(request);
    return HttpResponse.json({ unread_count: state.notifications.filter((item) => !item.read_at).length });
  }),
  http.post(`${API}/me/notifications/read`, async ({ request }) => {
    const body = (await request.json()) as { ids?: number[]; saved_search?: number; all?: boolean };
    record(request, body);
    const chosen = (item: Notification) =>
      body.all === true || (body.ids ?? []).includes(item.id) || (body.saved_search !== undefined && item.saved_search.id === body.saved_search);
    if (!body.all && !body.ids?.length && body.saved_search === undefined) {
      return HttpResponse.json({ ids: ["Name the notifications to mark read: ids, saved_search or all."] }, { status: 400 });
    }
    const now = new Date().toISOString();
    state.notifications = state.notifications.map((item) => (chosen(item) && !item.read_at ? { ...item, read_at: now } : item));
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/analytics/aggregate`, async ({ request }) => {
    const body = (await request.json()) as { filters: Record<string, string>; group_by: string[]; metrics: string[] };
    record(request, body);
    const [group] = body.group_by;
    const rows = new Map<string, Listing[]>();
    for (const listing of state.listings.filter((item) => matches(item, new URLSearchParams(body.filters)))) {
      const key = String(listing[group as keyof Listing]);
      rows.set(key, [...(rows.get(key) ?? []), listing]);
    }
    const median = (items: Listing[]) => {
      const sorted = items.map((item) => fils(item.price)).sort((a, b) => a - b);
      return (sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(3);
    };
    const columns = [group, "count", "price_median"];
    const table = [...rows].map(([key, items]) => [group === "year" ? Number(key) : key, items.length, median(items)]);
    if (request.headers.get("Accept")?.includes("text/csv")) {
      return new HttpResponse([columns.join(","), ...table.map((row) => row.join(","))].join("\n"), { headers: { "Content-Type": "text/csv" } });
    }
    return HttpResponse.json({ columns, rows: table });
  }),
  http.get(`${API}/conversations`, ({ request }) => HttpResponse.json({ count: 1, page: 1, page_size: 100, results: [conversationFor(request)] })),
  http.get(`${API}/conversations/:id`, ({ params, request }) => HttpResponse.json(conversationFor(request, Number(params.id)))),
  http.get(`${API}/me/unread`, ({ request }) => {
    record(request);
    const unread = state.messages.filter((message) => message.sender_id !== caller(request)?.id && !message.read_at);
    return HttpResponse.json({ unread_count: unread.length, conversations_with_unread: new Set(unread.map((message) => message.conversation_id)).size });
  }),
  http.get(`${API}/conversations/:id/messages`, () => {
    const newestFirst = [...state.messages].reverse();
    return HttpResponse.json({ count: newestFirst.length, page: 1, page_size: 50, results: newestFirst });
  }),
  http.post(`${API}/conversations/:id/messages`, async ({ request, params }) => {
    const body = (await request.json()) as { body: string };
    record(request, body);
    const refused = sendRefused();
    if (refused) return refused;
    if (!body.body?.trim()) return HttpResponse.json({ body: ["Write a message of 1 to 4000 characters."] }, { status: 400 });
    const message: Message = {
      id: state.messages.length + 1000,
      conversation_id: Number(params.id),
      sender_id: caller(request)!.id,
      body: body.body,
      created_at: new Date().toISOString(),
      read_at: null,
      warnings: warningsOf(body.body),
    };
    state.messages.push(message);
    return HttpResponse.json(message, { status: 201 });
  }),
  http.post(`${API}/conversations/:id/read`, ({ request }) => {
    record(request);
    state.messages = state.messages.map((message) => (message.sender_id !== caller(request)?.id ? { ...message, read_at: new Date().toISOString() } : message));
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/conversations/:id/block`, ({ request }) => {
    record(request);
    state.blockedByMe = true;
    return new HttpResponse(null, { status: 204 });
  }),
  http.delete(`${API}/conversations/:id/block`, ({ request }) => {
    record(request);
    state.blockedByMe = false;
    return new HttpResponse(null, { status: 204 });
  }),
  http.post(`${API}/conversations/:id/report`, async ({ request, params }) => {
    const body = (await request.json()) as { reason?: string };
    record(request, body);
    if (!body.reason?.trim()) return HttpResponse.json({ reason: ["Tell the moderators what is wrong."] }, { status: 400 });
    const open = state.reports.find((report) => report.conversation === Number(params.id));
    if (!open) state.reports.push({ conversation: Number(params.id), reason: body.reason.trim() });
    return HttpResponse.json({ id: 1, status: "open", created_at: "2026-11-26T10:00:00+03:00" }, { status: open ? 200 : 201 });
  }),
  http.post(`${API}/conversations`, async ({ request }) => {
    const body = (await request.json()) as { listing_id: number; body: string };
    record(request, body);
    const refused = sendRefused();
    if (refused) return refused;
    state.messages.push({
      id: state.messages.length + 1000,
      conversation_id: 9,
      sender_id: caller(request)?.id ?? 0,
      body: body.body,
      created_at: new Date().toISOString(),
      read_at: null,
      warnings: warningsOf(body.body),
    });
    return HttpResponse.json(conversationFor(request), { status: 201 });
  }),
];

export const handlers = [
  ...httpHandlers,
  chat.addEventListener("connection", () => {
    // connections are accepted; tests push with chat.broadcast(...)
  }),
];
