import { expect, test, type Page } from "@playwright/test";
import { MODERATOR, createListing, pickMakeModel, registerUser, runId, signIn, tokenFor } from "./support/api";

/** Staff set 1 BHD = 9.75 AED in the admin (a pair no other journey sets). */
async function setDirhamRate(page: Page): Promise<void> {
  await page.goto("/admin/login/?next=/admin/catalog/exchangerate/add/");
  await page.getByLabel("Email").fill(MODERATOR.email);
  await page.getByLabel("Password").fill(MODERATOR.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByLabel("From currency").selectOption("BHD");
  await page.getByLabel("To currency").selectOption("AED");
  await page.getByLabel("Rate").fill("9.75");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("1 BHD = 9.75 AED").first()).toBeVisible();
}

// A seller whose account lives in the Emirates sells a car in Bahrain: its page shows the
// price also in dirhams, and after an edit of the price, the new price's, with no reload.
test("a seller who edits the price sees the new price in their own currency at once", async ({ page, request, browser }) => {
  const seller = await registerUser(request, "emirati-seller");
  const token = await tokenFor(request, seller);
  const profile = await request.patch("/api/v1/me", { data: { country: "ae" }, headers: { Authorization: `Token ${token}` } });
  expect(profile.status(), await profile.text()).toBe(200);
  const { make, model } = await pickMakeModel(request);
  const listing = await createListing(request, token, { make: make.slug, model: model.slug, title: `E2E Emirati seller ${runId()}`, price: "10000.000" });
  const staff = await browser.newContext();
  await setDirhamRate(await staff.newPage());
  await staff.close();

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
