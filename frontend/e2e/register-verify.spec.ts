import { expect, test } from "@playwright/test";
import { mailedLink, PASSWORD, runId } from "./support/api";

test("a new member registers, confirms the address from the e-mail and is signed in", async ({ page }) => {
  const email = `newcomer-${runId()}@e2e.sayara.test`;
  await page.goto("/register");
  await page.getByLabel(/^Your name/).fill("Newcomer");
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
  await expect(page.getByText(`We sent a link to ${email}.`)).toBeVisible();

  const link = new URL(await mailedLink(email, "verify-email"));
  await page.goto(link.pathname + link.search);
  await expect(page.getByText("Your address is confirmed")).toBeVisible();
  await expect(page.getByText("You can now publish cars and message sellers.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Newcomer" })).toBeVisible();
});

test("registering with a taken address looks the same as with a new one", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel(/^Your name/).fill("Someone");
  await page.getByLabel(/^Email/).fill("seller0@demo.sayara.bh");
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Check your email")).toBeVisible();
  await expect(page.getByText("We sent a link to seller0@demo.sayara.bh.")).toBeVisible();
});
