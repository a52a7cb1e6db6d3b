import { expect, test } from "@playwright/test";

test("a refused filter value shows beside its field and the rest of the search keeps working", async ({ page }) => {
  await page.goto("/search?year_min=2030");
  const from = page.getByRole("textbox", { name: "From" }).first();
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/Must be a whole number between 1950 and \d{4}\./)).toBeVisible();
  await expect(page.getByRole("group", { name: "Make" })).toBeVisible();
  await expect(page.locator(".grid-cards li").first()).toBeVisible();
});

test("a page past what search pages through says so, and a listing address that is no number is not found", async ({ page }) => {
  await page.goto("/search?page=10001");
  await expect(page.getByText(/Only the first 10,000 results can be paged through/)).toBeVisible();
  await page.getByRole("link", { name: "Go to the first page" }).click();
  await expect(page.locator(".grid-cards li").first()).toBeVisible();

  await page.goto("/listings/abc");
  await expect(page.getByRole("heading", { name: "This car is no longer listed" })).toBeVisible();
});
