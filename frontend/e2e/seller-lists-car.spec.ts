import { expect, test } from "@playwright/test";
import { expectInSearch, pickMakeModel, registerUser, runId, samplePhoto, signIn, tokenFor } from "./support/api";

test("a seller lists a car with a photo and finds it in search a moment later", async ({ page, request }) => {
  const seller = await registerUser(request, "lister");
  const { make, model } = await pickMakeModel(request);
  await signIn(page, seller);

  await page.goto("/sell");
  await expect(page.getByRole("heading", { level: 1, name: "Sell your car" })).toBeVisible();
  await page.getByLabel(/^Make/).selectOption(make.slug);
  await page.getByLabel(/^Model/).selectOption(model.slug);
  await page.getByLabel(/^Governorate/).selectOption("muharraq");
  await page.getByLabel(/^Year/).fill("2020");
  await page.getByLabel(/^Price/).fill("12345.500");
  await page.getByLabel(/^Mileage/).fill("42000");
  const title = `E2E listed ${runId()}`;
  await page.getByLabel(/^Title/).fill(title);
  await page.getByRole("textbox", { name: "Description" }).fill("Listed through the sell form by the e2e suite.");
  await page.getByLabel("Choose photos").setInputFiles({ name: "front.png", mimeType: "image/png", buffer: samplePhoto() });
  await expect(page.getByRole("img", { name: "front.png" })).toBeVisible();

  await page.getByRole("button", { name: "Publish listing" }).click();
  await expect(page).toHaveURL(/\/listings\/\d+$/, { timeout: 20_000 });
  await expect(page.getByText("Your car is listed.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("BHD 12,345.500").first()).toBeVisible();
  await expect(page.locator(".gallery-main img")).toBeVisible();

  await expectInSearch(page, `/search?q=${encodeURIComponent(title)}`, title);
  await expectInSearch(page, `/search?make=${make.slug}&model=${model.slug}&sort=newest`, title);
});

test("publishing again after a failed photo upload keeps one listing and adds the photo to it", async ({ page, request }) => {
  const seller = await registerUser(request, "retry");
  const { make, model } = await pickMakeModel(request);
  await signIn(page, seller);
  // The network drops the first photo upload, as a phone in a car park might.
  let uploads = 0;
  await page.route("**/api/v1/listings/*/photos", async (route) => {
    uploads += 1;
    if (uploads === 1) await route.abort("connectionreset");
    else await route.continue();
  });

  await page.goto("/sell");
  await page.getByLabel(/^Make/).selectOption(make.slug);
  await page.getByLabel(/^Model/).selectOption(model.slug);
  await page.getByLabel(/^Governorate/).selectOption("capital");
  await page.getByLabel(/^Year/).fill("2019");
  await page.getByLabel(/^Price/).fill("14100.000");
  await page.getByLabel(/^Mileage/).fill("51000");
  const title = `E2E retried ${runId()}`;
  await page.getByLabel(/^Title/).fill(title);
  await page.getByLabel("Choose photos").setInputFiles({ name: "side.png", mimeType: "image/png", buffer: samplePhoto() });
  await page.getByRole("button", { name: "Publish listing" }).click();
  await expect(page.getByText("The listing was saved, but some photos did not upload.")).toBeVisible({ timeout: 20_000 });

  await page.getByRole("button", { name: "Publish listing" }).click();
  await expect(page).toHaveURL(/\/listings\/\d+$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".gallery-main img")).toBeVisible();

  const token = await tokenFor(request, seller);
  const mine = await request.get("/api/v1/me/listings", { headers: { Authorization: `Token ${token}` } });
  const listings = ((await mine.json()) as { results: { title: string; photos: unknown[] }[] }).results;
  expect(listings.filter((listing) => listing.title === title).map((listing) => listing.photos.length)).toEqual([1]);
});
