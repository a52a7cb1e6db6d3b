import { expect, test } from "@playwright/test";
import { expectInSearch, pickMakeModel, registerUser, runId, samplePhoto, signIn } from "./support/api";

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
