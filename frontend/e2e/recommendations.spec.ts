import { expect, test } from "@playwright/test";
import { createListing, pickMakeModel, registerUser, runId, signIn, tokenFor } from "./support/api";

test("a visitor's views shape Recommended for you, with a reason, until they turn it off", async ({ browser, request }) => {
  // Given two cars of one model on sale
  const seller = await registerUser(request, "seller");
  const token = await tokenFor(request, seller);
  const { make, model } = await pickMakeModel(request);
  const viewed = await createListing(request, token, { make: make.slug, model: model.slug, title: `E2E viewed ${runId()}`, price: "9100.000" });
  const visitor = await (await browser.newContext()).newPage();

  // When a visitor, with no account, looks at one of them
  await visitor.goto(`/listings/${viewed.id}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();

  // Then the home page recommends cars for them, saying why, and not the car they saw
  const section = visitor.getByRole("region", { name: "Recommended for you" });
  await expect(async () => {
    await visitor.goto("/");
    await expect(section.getByText(new RegExp(`^Because you looked at ${make.name_en}`)).first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000, intervals: [500, 1000, 2000] });
  await expect(section.getByRole("heading", { name: viewed.title })).toHaveCount(0);

  // and when they turn recommendations off, they stop at once, also after a reload
  await section.getByRole("button", { name: "Manage" }).click();
  await section.getByRole("checkbox", { name: "Recommend cars from what I do" }).uncheck();
  await expect(section.getByRole("article")).toHaveCount(0);
  await visitor.reload();
  await expect(visitor.getByRole("region", { name: "Recommended for you" }).getByText("Recommendations are off", { exact: false }).first()).toBeVisible();
});

test("a buyer clears their history from the account page", async ({ page, request }) => {
  const seller = await registerUser(request, "seller");
  const { make, model } = await pickMakeModel(request);
  const listing = await createListing(request, await tokenFor(request, seller), { make: make.slug, model: model.slug, title: `E2E ${runId()}` });
  const buyer = await registerUser(request, "buyer");
  await signIn(page, buyer);
  await page.goto(`/listings/${listing.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await expect(async () => {
    await page.goto("/account/recommendations");
    await expect(page.getByText("1 thing you did shapes your recommendations.")).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole("button", { name: "Clear my history" }).click();
  await page.getByRole("dialog", { name: "Clear your history?" }).getByRole("button", { name: "Clear my history" }).click();

  await expect(page.getByText("Your history is cleared. Recommendations start afresh.")).toBeVisible();
  await expect(page.getByText("0 things you did shape your recommendations.")).toBeVisible();
});
