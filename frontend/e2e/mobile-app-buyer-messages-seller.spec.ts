import { expect, test } from "@playwright/test";
import { createListing, pickMakeModel, registerUser, runId, tokenFor } from "./support/api";
import { signInToApp } from "./support/mobile-app";

test("in the phone app a buyer finds a car by its words and messages the seller, who sees it in Messages", async ({ browser, request }) => {
  // Given a seller with an active listing, and a buyer, each with the app open and signed in
  const seller = await registerUser(request, "seller");
  const { make, model } = await pickMakeModel(request);
  const title = `E2E ${model.name_en} ${runId()}`;
  await createListing(request, await tokenFor(request, seller), { make: make.slug, model: model.slug, title, price: "7777.000" });
  const buyer = await registerUser(request, "buyer");
  const buyerPage = await (await browser.newContext()).newPage();
  const sellerPage = await (await browser.newContext()).newPage();
  await signInToApp(buyerPage, buyer);
  await signInToApp(sellerPage, seller);

  // When the buyer searches in words and the understood chips show the make and price
  await buyerPage.getByRole("tab", { name: /Search/ }).click();
  const box = buyerPage.getByLabel(/^Search cars/);
  const card = buyerPage.getByRole("button", { name: `${title}, BHD 7,777` });
  // The index follows the write within about a second: search again until the car is in.
  await expect(async () => {
    await box.fill(`${model.name_en} under 8000`);
    await buyerPage.getByRole("button", { name: "Find cars" }).click();
    await expect(card).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000, intervals: [500, 1000, 2000] });
  await expect(buyerPage.getByRole("button", { name: `Remove Make: ${make.name_en} · Model: ${model.name_en}` })).toBeVisible();
  await expect(buyerPage.getByRole("button", { name: "Remove Price: To BHD 8,000" })).toBeVisible();

  // and opens the car and messages the seller
  await card.click();
  // The screens below a pushed one stay in the page, hidden: only what shows counts.
  await expect(buyerPage.getByText(title).filter({ visible: true })).toBeVisible();
  await expect(buyerPage.getByText("BHD 7,777").filter({ visible: true })).toBeVisible();
  const question = `Is it still available? ${runId()}`;
  await buyerPage.getByLabel("Message the seller").fill(question);
  await buyerPage.getByRole("button", { name: "Send", exact: true }).click();

  // Then the buyer's conversation shows it sent
  await expect(buyerPage.getByText(question).filter({ visible: true })).toBeVisible();
  // and the seller finds it in Messages and reads it
  await sellerPage.getByRole("tab", { name: /Messages/ }).click();
  const conversation = sellerPage.getByText(question).filter({ visible: true });
  await expect(conversation).toBeVisible();
  await conversation.click();
  await expect(sellerPage.getByLabel("Write a message").filter({ visible: true })).toBeVisible();
  await expect(sellerPage.getByText(question).filter({ visible: true })).toBeVisible();
});
