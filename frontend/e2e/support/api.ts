// Test data through the public API (docs/API.md), as any outside client would.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "Sayara-e2e-Pass-2026!";
/** The moderator scripts/e2e.sh creates for the admin's moderation queue. */
export const MODERATOR = { email: "moderator@e2e.sayara.test", password: PASSWORD };

export type TestUser = { email: string; password: string; display_name: string };

export type CatalogModel = { slug: string; name_en: string; name_ar: string };
export type CatalogMake = CatalogModel & { models: CatalogModel[] };

export type CreatedListing = { id: number; title: string; make: string; model: string; price: string; year: number };

/** A run-unique suffix so reruns against the same database never collide. */
export function runId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

async function csrfHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  await request.get("/api/v1/auth/csrf");
  const state = await request.storageState();
  const token = state.cookies.find((cookie) => cookie.name === "csrftoken")?.value;
  return token ? { "X-CSRFToken": token } : {};
}

/** The link of the newest e-mail to `address` that contains `route` (scripts/e2e.sh keeps e-mails as files). */
export async function mailedLink(address: string, route: string): Promise<string> {
  const folder = process.env.E2E_MAIL_DIR;
  expect(folder, "scripts/e2e.sh sets E2E_MAIL_DIR").toBeTruthy();
  let link = "";
  await expect(async () => {
    const texts = readdirSync(folder as string).map((name) => readFileSync(join(folder as string, name), "utf8"));
    const found = texts
      .flatMap((text) => text.split("-".repeat(79)))
      .filter((mail) => mail.includes(`To: ${address}`))
      .map((mail) => mail.match(new RegExp(`https?://\\S+/${route}\\?\\S+`))?.[0])
      .filter((value): value is string => Boolean(value));
    expect(found.length, `an e-mail to ${address} with /${route}`).toBeGreaterThan(0);
    link = found[found.length - 1];
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
  return link;
}

/** A new account with a confirmed address (registered, then its e-mailed link opened). */
export async function registerUser(request: APIRequestContext, label: string): Promise<TestUser> {
  const user = { email: `${label}-${runId()}@e2e.sayara.test`, password: PASSWORD, display_name: `${label} ${runId().slice(-4)}` };
  const response = await request.post("/api/v1/auth/register", { data: user, headers: await csrfHeaders(request) });
  expect(response.status(), await response.text()).toBe(202);
  const token = new URL(await mailedLink(user.email, "verify-email")).searchParams.get("token");
  const verified = await request.post("/api/v1/auth/verify-email", { data: { token }, headers: await csrfHeaders(request) });
  expect(verified.status(), await verified.text()).toBe(200);
  return user;
}

export async function tokenFor(request: APIRequestContext, user: TestUser): Promise<string> {
  const response = await request.post("/api/v1/auth/token", {
    data: { email: user.email, password: user.password },
    headers: await csrfHeaders(request),
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

export async function catalog(request: APIRequestContext): Promise<CatalogMake[]> {
  const response = await request.get("/api/v1/catalog/makes");
  expect(response.ok()).toBeTruthy();
  const makes = (await response.json()) as CatalogMake[];
  return makes.filter((make) => make.models.length > 0);
}

/** A make and one of its models from the live catalog: the most common car in
 * Bahrain when the catalog has it, so the make shows among the first facet values. */
export async function pickMakeModel(request: APIRequestContext): Promise<{ make: CatalogMake; model: CatalogModel }> {
  const makes = await catalog(request);
  expect(makes.length, "the catalog has makes with models").toBeGreaterThan(0);
  const make = makes.find((candidate) => candidate.slug === "toyota") ?? makes[0];
  const model = make.models.find((candidate) => candidate.slug === "land-cruiser") ?? make.models[0];
  return { make, model };
}

export async function createListing(
  request: APIRequestContext,
  token: string,
  fields: Record<string, unknown>,
): Promise<CreatedListing> {
  const response = await request.post("/api/v1/listings", {
    data: {
      status: "active",
      year: 2019,
      mileage_km: 64000,
      price: "7777.000",
      fuel: "petrol",
      transmission: "automatic",
      regional_spec: "gcc",
      governorate: "capital",
      description: "Created by the e2e suite.",
      // Fixtures ask what the test needs, even a price the market would question (docs/API-notes/prices.md).
      price_confirmed: true,
      ...fields,
    },
    headers: { Authorization: `Token ${token}` },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as CreatedListing;
}

/** The admin page `next`, signed in as the moderator (staff), in a browser of its own (close its context after). */
export async function adminPage(browser: Browser, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/admin/login/?next=${next}`);
  await page.getByLabel("Email").fill(MODERATOR.email);
  await page.getByLabel("Password").fill(MODERATOR.password);
  await page.getByRole("button", { name: "Log in" }).click();
  return page;
}

/** Staff set an exchange rate in the admin ("1 BHD = 9.973404 SAR"). */
export async function setExchangeRate(browser: Browser, base: string, quote: string, rate: string): Promise<void> {
  const staff = await adminPage(browser, "/admin/catalog/exchangerate/add/");
  await staff.getByLabel("From currency").selectOption(base);
  await staff.getByLabel("To currency").selectOption(quote);
  await staff.getByLabel("Rate").fill(rate);
  await staff.getByRole("button", { name: "Save", exact: true }).click();
  await expect(staff.getByText(`1 ${base} = ${rate} ${quote}`).first()).toBeVisible();
  await staff.context().close();
}

/** Sign in through the UI, as a person would. */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: user.display_name })).toBeVisible();
}

/**
 * The index is eventually consistent (about a second): reload a search until
 * the listing shows up, for up to ~10 s.
 */
export async function expectInSearch(page: Page, path: string, title: string): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: title })).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 12_000, intervals: [500, 1000, 1000, 2000] });
}

/** A valid 320×240 PNG (a gradient in the brand colour), small enough to upload instantly. */
export function samplePhoto(): Buffer {
  return Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAUAAAADwCAIAAAD+Tyo8AAAC2ElEQVR42u3TxY0YAAADwashzMwOXJiZqdo0mBr8tDTSVLDSHvw7EmDUgQRgYMDAQDfw0QCjDAwGBgwMlAMfCzDKwGBgwMBAOfDxAKMMDAYGDAyUA58IMMrAYGDAwEA58MkAowwMBgYMDJQDnwowysBgYMDAQDnw6QCjDAwGBgwMlAOfCTDKwGBgwMBAOfDZAKMMDAYGDAyUA58LMMrAYGDAwEA58PkAowwMBgYMDJQDXwgwysBgYMDAQDnwxQCjDAwGBgwMlANfCjDKwGBgwMBAOfDlAKMMDAYGDAyUA18JMMrAYGDAwEA58NUAowwMBgYMDJQDXwswysBgYMDAQDnw9QCjDAwGBgwMlAPfCDDKwGBgwMBAOfDNAKMMDAYGDAyUA98KMMrAYGDAwEA58O0AowwMBgYMDJQD3wkwysBgYMDAQDlwAowyMBgYMDBQDnw3wCgDg4EBAwPlwPcCjDIwGBgwMFAOfD/AKAODgQEDA+XADwKMMjAYGDAwUA58GGCUgcHAgIGBcuCHAUYZGAwMGBgoB34UYJSBwcCAgYFy4McBRhkYDAwYGCgHfhJglIHBwICBgXLgpwFGGRgMDBgYKAd+FmCUgcHAgIGBcuDnAUYZGAwMGBgoB34RYJSBwcCAgYFy4JcBRhkYDAwYGCgHfhVglIHBwICBgXLg1wFGGRgMDBgYKAd+E2CUgcHAgIGBcuC3AUYZGAwMGBgoB34XYJSBwcCAgYFy4PcBRhkYDAwYGCgH/hBglIHBwICBgXLgjwFGGRgMDBgYKAf+FGCUgcHAgIGBcuDPAUYZGAwMGBgoB/4SYJSBwcCAgYFy4K8BRhkYDAwYGCgH/hZglIHBwICBgXLg7wFGGRgMDBgYKAf+EWCUgcHAgIGBcuCfAUYZGAwMGBgoB/4VYJSBwcCAgYFy4N8BRhkYDAwYGCgH/hNglIHBwICBgXLgvwFGGRgMDBgYqPwHFqnkdqX6lPkAAAAASUVORK5CYII=",
    "base64",
  );
}
