import { expect, test } from "@playwright/test";

test("the Arabic interface renders right to left and stays Arabic after a reload", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("اعثر على سيارتك القادمة في البحرين");

  await page.goto("/search");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("complementary", { name: "الفلاتر" })).toBeVisible();
  // The filters sit on the right in Arabic.
  const filters = await page.getByRole("complementary", { name: "الفلاتر" }).boundingBox();
  const results = await page.getByRole("region", { name: /./ }).first().boundingBox();
  if (filters && results) expect(filters.x).toBeGreaterThan(results.x);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.screenshot({ path: "test-results/screenshots/search-ar.png", fullPage: true });
});
