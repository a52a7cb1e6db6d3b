import { expect, test } from "@playwright/test";
import { MODERATOR, createListing, pickMakeModel, registerUser, runId, signIn, tokenFor } from "./support/api";

test.beforeAll(async ({ request }) => {
  const seller = await registerUser(request, "qatari-seller");
  const token = await tokenFor(request, seller);
  const { make, model } = await pickMakeModel(request);
  const title = `E2E Qatari ${model.name_en} ${runId()}`;
  await createListing(request, token, { make: make.slug, model: model.slug, title, country: "qa", region: "doha", governorate: undefined, price: "70000.25" });
  await createListing(request, token, { make: make.slug, model: model.slug, title: `${title} Bahrain`, price: "7000.500", duplicate_confirmed: true });
});

test("an analyst sees a country's insights and the countries side by side, each in its currency", async ({ page }) => {
  // Staff may read the analysts' figures; the moderator of the e2e stack is staff.
  await signIn(page, { ...MODERATOR, display_name: "Moderator" });
  await page.goto("/insights");
  await expect(page).toHaveURL(/\/bh\/insights$/);

  await page.getByRole("combobox", { name: "Country" }).selectOption({ label: "Qatar" });
  await expect(page).toHaveURL(/\/qa\/insights$/);
  await expect(page.getByText(/cars listed in Qatar/)).toBeVisible();
  // The account menu and the footer lead to the insights of the country being browsed.
  await page.getByRole("button", { name: "Moderator" }).click();
  await expect(page.locator(".account-menu-panel").getByRole("link", { name: "Market insights" })).toHaveAttribute("href", "/qa/insights");
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Market insights" })).toHaveAttribute("href", "/qa/insights");
  await page.keyboard.press("Escape");

  const comparison = page.getByRole("region", { name: "Countries side by side" });
  await comparison.getByRole("checkbox", { name: "Saudi Arabia" }).uncheck();
  await expect(page).toHaveURL(/compare=bh%2Cae%2Ckw%2Cqa%2Com|compare=bh,ae,kw,qa,om/);
  // The index follows within seconds: reload until Qatar's car is counted.
  await expect(async () => {
    await page.reload();
    const median = comparison.getByRole("row", { name: /Median asking price/ });
    await expect(median.getByRole("cell").nth(3)).toContainText("QAR", { timeout: 1500 });
    await expect(median.getByRole("cell").first()).toContainText("BHD", { timeout: 1500 });
  }).toPass({ timeout: 20_000, intervals: [500, 1000, 2000] });
  const headers = comparison.getByRole("columnheader");
  await expect(headers).toHaveText(["Bahrain", "United Arab Emirates", "Kuwait", "Qatar", "Oman"]);
});
