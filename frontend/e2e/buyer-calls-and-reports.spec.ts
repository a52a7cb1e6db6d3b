import { expect, test, type Page } from "@playwright/test";
import { adminPage, createListing, expectInSearch, pickMakeModel, registerUser, runId, signIn, tokenFor } from "./support/api";

/** Reload a search until its results no longer link to the listing (the index follows within seconds). */
async function expectNotInSearch(page: Page, path: string, listingId: number): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await expect(page.locator(".search-results .grid-cards > li").first()).toBeVisible({ timeout: 1500 });
    await expect(page.locator(`.search-results a[href="/bh/listings/${listingId}"]`)).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 15_000, intervals: [500, 1000, 1000, 2000] });
}

test("a buyer reveals the seller's number, opens WhatsApp, and reports the car, which leaves search after moderation", async ({ browser, page, request }) => {
  // Given a seller who takes calls and WhatsApp, with an active listing
  const seller = await registerUser(request, "caller");
  const token = await tokenFor(request, seller);
  const phone = `+9733${String(Date.now()).slice(-7)}`;
  const chosen = await request.patch("/api/v1/me", { data: { phone, shows_call: true, shows_whatsapp: true }, headers: { Authorization: `Token ${token}` } });
  expect(chosen.status(), await chosen.text()).toBe(200);
  const { make, model } = await pickMakeModel(request);
  const title = `E2E reported ${model.name_en} ${runId()}`;
  const listing = await createListing(request, token, { make: make.slug, model: model.slug, title, price: "15500.000" });
  // Newest first among its make and model: the listing heads the results until it is taken down.
  const search = `/search?make=${make.slug}&model=${model.slug}&sort=newest`;

  // When a signed-in buyer opens it and asks for the number
  const buyer = await registerUser(request, "caller-buyer");
  await signIn(page, buyer);
  await expectInSearch(page, search, title);
  await page.locator(`.search-results a[href="/bh/listings/${listing.id}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/listings/${listing.id}$`));
  await page.getByRole("button", { name: "Call", exact: true }).click();

  // Then the number is a tel: link
  const call = page.getByRole("link", { name: `Call ${phone}` });
  await expect(call).toHaveAttribute("href", `tel:${phone}`);

  // and WhatsApp opens with a message naming the car and its link
  await page.context().route("https://wa.me/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>WhatsApp</title>" }));
  const whatsapp = page.getByRole("link", { name: "Open WhatsApp" });
  await expect(whatsapp).toBeVisible();
  const [popup] = await Promise.all([page.waitForEvent("popup"), whatsapp.click()]);
  const opened = new URL(popup.url());
  expect(opened.host).toBe("wa.me");
  expect(opened.pathname).toBe(`/${phone.slice(1)}`);
  const text = opened.searchParams.get("text") ?? "";
  expect(text).toContain(model.name_en);
  expect(text).toContain(`/listings/${listing.id}`);
  await popup.close();

  // When the buyer reports it as a scam
  await page.getByRole("button", { name: "Report this listing" }).click();
  const dialog = page.getByRole("dialog", { name: "Report this listing" });
  await dialog.getByLabel("What is wrong?").selectOption("scam");
  await dialog.getByLabel(/Anything our team should know/).fill("Asks for a deposit before any viewing.");
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Thank you. Our team will review this listing.")).toBeVisible();
  await expectInSearch(page, search, title);

  // and a moderator hides it from the queue
  const moderator = await adminPage(browser, "/admin/listings/listingreport/%3Fqueue%3Dopen");
  const row = moderator.getByRole("row").filter({ hasText: title });
  await row.getByRole("checkbox").check();
  await moderator.getByRole("combobox", { name: "Action" }).selectOption("hide_listings");
  await moderator.getByRole("button", { name: "Go" }).click();
  await expect(moderator.getByText("1 listing(s) hidden.")).toBeVisible();
  await moderator.context().close();

  // Then it leaves search, and its page is gone for buyers
  await expectNotInSearch(page, search, listing.id);
  await page.goto(`/listings/${listing.id}`);
  await expect(page.getByRole("button", { name: "Report this listing" })).toHaveCount(0);
});
