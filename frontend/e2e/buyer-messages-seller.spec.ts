import { expect, test } from "@playwright/test";
import { createListing, expectInSearch, pickMakeModel, registerUser, runId, signIn, tokenFor } from "./support/api";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A facet checkbox's accessible name: the label, then its count ("Land Cruiser 8 cars"). */
function facetValue(label: string): RegExp {
  return new RegExp(`^${escapeRegExp(label)} \\d+ cars?$`);
}

test("a buyer finds a car by make, model and price, messages the seller, and they talk live", async ({ browser, request }) => {
  // Given a seller with an active listing
  const seller = await registerUser(request, "seller");
  const token = await tokenFor(request, seller);
  const { make, model } = await pickMakeModel(request);
  const title = `E2E ${model.name_en} ${runId()}`;
  const listing = await createListing(request, token, { make: make.slug, model: model.slug, title, price: "7777.000" });

  // and a buyer and the seller each signed in, in their own browser
  const buyer = await registerUser(request, "buyer");
  const buyerContext = await browser.newContext();
  const sellerContext = await browser.newContext();
  const buyerPage = await buyerContext.newPage();
  const sellerPage = await sellerContext.newPage();
  await signIn(buyerPage, buyer);
  await signIn(sellerPage, seller);
  await sellerPage.goto("/messages");

  // When the buyer filters the search by make, model and price
  await expectInSearch(buyerPage, "/search", title);
  // Facet boxes follow the URL, so they tick once the navigation lands.
  const makeBox = buyerPage.getByRole("group", { name: "Make" }).getByRole("checkbox", { name: facetValue(make.name_en) });
  await makeBox.click();
  await expect(makeBox).toBeChecked();
  await expect(buyerPage).toHaveURL(new RegExp(`make=${make.slug}`));
  const modelBox = buyerPage.getByRole("group", { name: `${make.name_en} models` }).getByRole("checkbox", { name: facetValue(model.name_en) });
  await modelBox.click();
  await expect(modelBox).toBeChecked();
  await expect(buyerPage).toHaveURL(new RegExp(`model=${model.slug}`));
  const price = buyerPage.getByRole("group", { name: /^Price/ });
  await price.getByRole("textbox", { name: "From" }).fill("7000");
  await price.getByRole("textbox", { name: "To" }).fill("8000");
  await price.getByRole("textbox", { name: "To" }).press("Enter");
  await expect(buyerPage).toHaveURL(/price_min=7000/);
  await expect(buyerPage).toHaveURL(/price_max=8000/);
  await expect(buyerPage.getByRole("region", { name: "Active filters" })).toContainText(make.name_en);

  // and opens the car and messages the seller
  await buyerPage.getByRole("heading", { name: title }).click();
  await expect(buyerPage).toHaveURL(new RegExp(`/listings/${listing.id}$`));
  await expect(buyerPage.getByText("BHD 7,777.000").first()).toBeVisible();
  const question = `Is it still available? ${runId()}`;
  await buyerPage.getByLabel("Message the seller").fill(question);
  await buyerPage.getByRole("button", { name: "Send message" }).click();
  await expect(buyerPage).toHaveURL(/\/messages\/\d+$/);
  await expect(buyerPage.getByRole("list", { name: "Messages in this conversation" })).toContainText(question);

  // Then the seller sees it arrive without reloading, and replies
  // The inbox entry shows the last message (contract: `last_message`).
  const conversation = sellerPage.getByRole("link", { name: new RegExp(escapeRegExp(question)) });
  await expect(conversation).toBeVisible({ timeout: 15_000 });
  await expect(sellerPage.getByLabel(/unread message/).first()).toBeVisible();
  await conversation.click();
  await expect(sellerPage.getByRole("list", { name: "Messages in this conversation" })).toContainText(question);
  const answer = `Yes, come by tomorrow ${runId()}`;
  await sellerPage.getByLabel("Write a message").fill(answer);
  await sellerPage.getByLabel("Write a message").press("Enter");

  // and the buyer gets the reply live
  await expect(buyerPage.getByRole("list", { name: "Messages in this conversation" })).toContainText(answer, { timeout: 15_000 });

  await buyerContext.close();
  await sellerContext.close();
});
