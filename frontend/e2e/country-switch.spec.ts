import { expect, test, type Page } from "@playwright/test";
import { createListing, pickMakeModel, registerUser, runId, setExchangeRate, tokenFor } from "./support/api";

/** Two Saudi cars, in Riyadh and the Eastern Province, priced in riyals with halalas. */
let saudi: { id: number; title: string }[] = [];

test.beforeAll(async ({ request }) => {
  const seller = await registerUser(request, "saudi-seller");
  const token = await tokenFor(request, seller);
  const { make, model } = await pickMakeModel(request);
  saudi = [];
  for (const [region, price] of [
    ["riyadh", "85000.50"],
    ["eastern", "91000.00"],
  ]) {
    const title = `E2E Saudi ${model.name_en} ${region} ${runId()}`;
    // The same make and model twice from one seller: two cars, as the seller confirms.
    const fields = { make: make.slug, model: model.slug, title, country: "sa", region, governorate: undefined, price, duplicate_confirmed: true };
    const listing = await createListing(request, token, fields);
    saudi.push({ id: listing.id, title });
  }
});

/** Reload the Saudi search until the index has the Saudi cars (it follows within seconds); a card
 * is found by its link, since an Arabic card names the car in Arabic rather than by its title. */
async function expectSaudiCars(page: Page): Promise<void> {
  await expect(async () => {
    await page.reload();
    for (const car of saudi) await expect(page.locator(`.search-results a[href="/sa/listings/${car.id}"]`).first()).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 15_000, intervals: [500, 1000, 1000, 2000] });
}

test("a buyer switches from Bahrain to Saudi Arabia: the URL, the cars, the places and the riyals are Saudi", async ({ page }) => {
  await page.goto("/bh/search");
  const places = page.getByRole("group", { name: "Governorate" });
  await expect(places.getByRole("checkbox", { name: /Capital/ })).toBeVisible();

  await page.getByRole("combobox", { name: "Country" }).selectOption({ label: "Saudi Arabia" });
  await expect(page).toHaveURL(/\/sa\/search$/);
  await expectSaudiCars(page);
  await expect(page.getByRole("heading", { name: saudi[1].title })).toBeVisible();
  await expect(page.getByText("SAR 85,000.50").first()).toBeVisible();
  const provinces = page.getByRole("group", { name: "Province" });
  await expect(provinces.getByRole("checkbox", { name: /Riyadh/ })).toBeVisible();
  await expect(provinces.getByRole("checkbox", { name: /Eastern Province/ })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Capital|Muharraq/ })).toHaveCount(0);
  // No Bahraini car among the results.
  await expect(page.locator(".search-results a[href^='/bh/listings/']")).toHaveCount(0);

  // Remembered: the home page opens in Saudi Arabia.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sa$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find your next car in Saudi Arabia");
});

test("in Arabic, the switch names the countries in Arabic and the prices are in riyals", async ({ page }) => {
  await page.goto("/bh/search");
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByRole("combobox", { name: "الدولة" }).selectOption({ label: "السعودية" });
  await expect(page).toHaveURL(/\/sa\/search$/);
  await expectSaudiCars(page);
  await expect(page.getByText("85,000.50 ر.س").first()).toBeVisible();
  await expect(page.getByRole("group", { name: "المنطقة" }).getByRole("checkbox", { name: /الرياض/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/search-sa-ar.png", fullPage: true });
});

test("the bare URLs shared before countries still open: a search in Bahrain, a listing in its own country", async ({ page }) => {
  await page.goto("/search?sort=newest");
  await expect(page).toHaveURL(/\/bh\/search\?sort=newest$/);
  await expect(page.locator(".search-results .grid-cards > li").first()).toBeVisible();

  await page.goto(`/listings/${saudi[0].id}`);
  await expect(page).toHaveURL(new RegExp(`/sa/listings/${saudi[0].id}$`));
  await expect(page.getByRole("heading", { level: 1, name: saudi[0].title })).toBeVisible();
  await expect(page.getByText("SAR 85,000.50").first()).toBeVisible();
});

test.describe("a buyer whose browser is Saudi", () => {
  test.use({ locale: "en-SA" });

  test("sees Bahraini prices also in riyals once staff set the rate in the admin", async ({ page, browser }) => {
    await setExchangeRate(browser, "BHD", "SAR", "9.973404");

    await page.goto("/bh/search");
    const card = page.locator(".search-results .listing-card").first();
    await expect(card.locator(".price-approx")).toHaveText(/^≈ SAR [\d,]+$/);
    await card.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/bh\/listings\/\d+$/);
    await expect(page.locator(".price-approx").first()).toHaveText(/^≈ SAR [\d,]+$/);

    // In Saudi Arabia's own search, riyal prices need no second line.
    await page.goto("/sa/search");
    await expectSaudiCars(page);
    await expect(page.locator(".search-results .price-approx")).toHaveCount(0);
  });
});
