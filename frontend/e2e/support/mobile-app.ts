import { expect, type Page } from "@playwright/test";
import type { TestUser } from "./api";

/** Opens the app and signs in on its Account tab, as a person would. */
export async function signInToApp(page: Page, user: TestUser): Promise<void> {
  await page.goto("/");
  await page.getByRole("tab", { name: /Account/ }).click();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
