import { expect, test } from "@playwright/test";
import { registerUser, samplePhoto, tokenFor } from "./support/api";
import { signInToApp } from "./support/mobile-app";

test("in the phone app a seller lists a car with a photo from the library, and buyers find it", async ({ page, request }) => {
  // Given a seller signed in to the app
  const seller = await registerUser(request, "seller");
  await signInToApp(page, seller);

  // When they fill in the car on the Sell tab
  await page.getByRole("tab", { name: /Sell/ }).click();
  await page.getByLabel("Toyota", { exact: true }).click();
  await page.getByLabel("Camry", { exact: true }).click();
  await page.getByLabel("Year").fill("2019");
  await page.getByLabel("Price (BHD)").fill("6400");
  await page.getByLabel("Mileage (km)").fill("58000");
  for (const choice of ["Petrol", "Automatic", "GCC", "Capital"]) await page.getByLabel(choice, { exact: true }).click();

  // and add a photo from the library (the browser's file chooser)
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Add photos" }).click();
  await (await chooser).setFiles({ name: "camry.png", mimeType: "image/png", buffer: samplePhoto() });
  await expect(page.getByLabel("Remove photo 1")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();

  // Then the app says it is listed
  await expect(page.getByText("Your car is listed.")).toBeVisible({ timeout: 20_000 });
  // and it is on sale with the photo, a JPEG made on the device, which a buyer's search finds
  const token = await tokenFor(request, seller);
  const mine = await request.get("/api/v1/me/listings", { headers: { Authorization: `Token ${token}` } });
  expect(mine.ok()).toBeTruthy();
  const listed = (await mine.json()) as { results: { id: number; status: string; year: number; price: string; photos: { url: string; width: number; height: number }[] }[] };
  expect(listed.results).toHaveLength(1);
  const car = listed.results[0];
  expect(car).toMatchObject({ status: "active", year: 2019, price: "6400.000" });
  expect(car.photos.map(({ width, height }) => [width, height])).toEqual([[320, 240]]);
  const photo = await request.get(car.photos[0].url);
  expect(photo.ok()).toBeTruthy();
  expect(photo.headers()["content-type"]).toMatch(/^image\//);
  await expect(async () => {
    const found = await request.get("/api/v1/search/listings?make=toyota&model=camry&price_min=6400&price_max=6400");
    expect(((await found.json()) as { results: { id: number }[] }).results.map((result) => result.id)).toContain(car.id);
  }).toPass({ timeout: 15_000 });
});
