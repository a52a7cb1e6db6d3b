import { expect, test, type Locator, type Page } from "@playwright/test";
import { createListing, expectInSearch, pickMakeModel, registerUser, runId, samplePhoto, signIn, tokenFor, type TestUser } from "./support/api";

// A phone: 390×844 with a touch screen, as the issue was seen on.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** A real finger: touch events through the browser's input pipeline, sideways by `dx` pixels. */
async function swipe(page: Page, target: Locator, dx: number): Promise<void> {
  const box = await target.boundingBox();
  expect(box, "the swiped element is on screen").toBeTruthy();
  const { x, y, width, height } = box as { x: number; y: number; width: number; height: number };
  const start = { x: x + width / 2 - dx / 2, y: y + height / 2 };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [start] });
  for (let step = 1; step <= 8; step++)
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: start.x + (dx * step) / 8, y: start.y }] });
  // The finger rests before it lifts: no fling, whose end would swallow the next tap.
  await page.waitForTimeout(150);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: start.x + dx, y: start.y }] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, "the page is no wider than the phone").toBeLessThanOrEqual(widths.screen);
}

const LANGUAGES = {
  en: { next: "2 / 3", slide: /^2 of 3$/, contact: "Message the seller", photos: "Photos of", forward: -160 },
  // "Next" is leftwards in English and rightwards in Arabic: the finger moves the other way.
  ar: { next: "2 / 3", slide: /^2 من 3$/, contact: "راسل البائع", photos: "صور", forward: 160 },
} as const;

let listingId = 0;
let buyer: TestUser;
// No spaces anywhere: the longest title the API takes, and a 300-letter word in the description.
const longTitle = `${"Ultra".repeat(22)}${runId()}`.slice(0, 120);
const longWord = "Supercalifragilistic".repeat(15);

test.beforeAll(async ({ request }) => {
  const seller = await registerUser(request, "phoneseller");
  const token = await tokenFor(request, seller);
  const { make, model } = await pickMakeModel(request);
  const listing = await createListing(request, token, { make: make.slug, model: model.slug, title: longTitle, description: longWord });
  for (const name of ["front", "side", "back"]) {
    const uploaded = await request.post(`/api/v1/listings/${listing.id}/photos`, {
      headers: { Authorization: `Token ${token}` },
      multipart: { image: { name: `${name}.png`, mimeType: "image/png", buffer: samplePhoto() } },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
  }
  listingId = listing.id;
  buyer = await registerUser(request, "phonebuyer");
});

for (const [language, words] of Object.entries(LANGUAGES)) {
  test(`on a phone in ${language}: the gallery swipes and opens full screen, the contact bar stays, nothing scrolls sideways`, async ({ page }) => {
    await signIn(page, buyer);
    await page.goto(`/listings/${listingId}?lang=${language}`);
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (language === "en") await expect(page.getByRole("heading", { level: 1 })).toHaveText(longTitle);
    await expect(page.getByText(longWord)).toBeVisible();
    await expectNoSidewaysScroll(page);

    // Swipe the photo forward, the way the language reads.
    const gallery = page.locator(".gallery-main");
    await expect(gallery.locator(".gallery-counter")).toHaveText("1 / 3");
    await swipe(page, gallery, words.forward);
    await expect(gallery.locator(".gallery-counter")).toHaveText(words.next);
    await expect(page.getByRole("dialog")).toHaveCount(0);

    // A tap opens the photos full screen, where a swipe moves on too.
    await page.locator(".gallery-open").tap();
    const viewer = page.getByRole("dialog", { name: new RegExp(words.photos) });
    await expect(viewer).toBeVisible();
    await expect(viewer.locator(".yarl__slide_current")).toHaveAttribute("aria-label", words.slide);
    await swipe(page, viewer.locator(".yarl__slide_current"), words.forward);
    await expect(viewer.locator(".yarl__slide_current")).not.toHaveAttribute("aria-label", words.slide);
    await page.keyboard.press("Escape");
    await expect(viewer).toBeHidden();
    await page.screenshot({ path: `test-results/screenshots/listing-phone-${language}.png`, fullPage: true });

    // The contact bar is on screen at the top of the page and at its very end.
    const bar = page.getByRole("region", { name: language === "en" ? "Price and contact" : "السعر والتواصل" });
    await expect(bar).toBeInViewport();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(bar).toBeInViewport();
    await expectNoSidewaysScroll(page);
    // Its button brings the message box into view, ready to type.
    await bar.getByRole("button", { name: words.contact }).tap();
    await expect(page.getByRole("textbox", { name: words.contact })).toBeFocused();
    await expect(page.getByRole("textbox", { name: words.contact })).toBeInViewport();
  });
}

test("on a phone, search results with a long title do not scroll sideways either", async ({ page }) => {
  await expectInSearch(page, "/search?lang=en&sort=newest", longTitle);
  await expectNoSidewaysScroll(page);
  await page.goto("/search?lang=ar&sort=newest");
  await expect(page.locator(".listing-card").first()).toBeVisible();
  await expectNoSidewaysScroll(page);
});
