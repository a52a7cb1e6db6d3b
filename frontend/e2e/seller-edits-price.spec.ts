import { expect, test } from "@playwright/test";
import { createListing, pickMakeModel, registerUser, runId, setExchangeRate, signIn, tokenFor } from "./support/api";

// A seller whose account lives in the Emirates sells a car in Bahrain: its page shows the
// price also in dirhams, and after an edit of the price, the new price's, with no reload.
test("a seller who edits the price sees the new price in their own currency at once", async ({ page, request, browser }) => {
  const seller = await registerUser(request, "emirati-seller");
  const token = await tokenFor(request, seller);
  const profile = await request.patch("/api/v1/me", { data: { country: "ae" }, headers: { Authorization: `Token ${token}` } });
  expect(profile.status(), await profile.text()).toBe(200);
  const { make, model } = await pickMakeModel(request);
  const listing = await createListing(request, token, { make: make.slug, model: model.slug, title: `E2E Emirati seller ${runId()}`, price: "10000.000" });
  await setExchangeRate(browser, "BHD", "AED", "9.75"); // a pair no other journey sets

  await signIn(page, seller);
  await page.goto(`/bh/listings/${listing.id}`);
  await expect(page.locator(".detail-price")).toHaveText("BHD 10,000.000");
  await expect(page.locator(".price-approx").first()).toHaveText("≈ AED 97,500");

  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel(/^Price/).fill("9000");
  const save = page.getByRole("button", { name: "Save changes" });
  await save.click();
  // The market may find the new price unusual: the seller confirms it.
  const confirm = page.getByLabel(/^Yes, the price .* is right/);
  const saved = new RegExp(`/bh/listings/${listing.id}$`);
  await expect(page.getByText("Changes saved.").or(confirm)).toBeVisible();
  if (await confirm.isVisible()) {
    await confirm.check();
    await save.click();
  }

  await expect(page).toHaveURL(saved);
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.locator(".detail-price")).toHaveText("BHD 9,000.000");
  await expect(page.locator(".price-approx").first()).toHaveText("≈ AED 87,750");
});
