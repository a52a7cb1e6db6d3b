import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createListing, pickMakeModel, registerUser, runId, tokenFor } from "./support/api";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test.describe("accessibility and screenshots of the main pages", () => {
  let listingId = 0;

  test.beforeAll(async ({ request }) => {
    const seller = await registerUser(request, "a11y");
    const token = await tokenFor(request, seller);
    const { make, model } = await pickMakeModel(request);
    listingId = (await createListing(request, token, { make: make.slug, model: model.slug, title: `E2E a11y ${runId()}` })).id;
  });

  test("home", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator(".make-tile").first()).toBeVisible();
    await snapshot(page, "home");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("search", async ({ page }) => {
    await page.goto("/search");
    await expect(page.locator(".results-count")).toHaveText(/\d+ cars?$/);
    await snapshot(page, "search");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("listing detail", async ({ page }) => {
    await page.goto(`/listings/${listingId}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Specifications" })).toBeVisible();
    await snapshot(page, "listing-detail");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("sign in and register", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await snapshot(page, "sign-in");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/register");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await snapshot(page, "register");
  });

  test("mobile search", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/search");
    await expect(page.locator(".results-count")).toHaveText(/\d+ cars?$/);
    await snapshot(page, "search-mobile");
    await page.getByRole("button", { name: "Filters" }).click();
    await expect(page.getByRole("complementary", { name: "Filters" })).toBeVisible();
    await snapshot(page, "search-mobile-filters");
  });
});
