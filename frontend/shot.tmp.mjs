import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:5173";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const errors = [];
page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("WebSocket")) errors.push(m.text()); });
page.on("pageerror", (e) => errors.push(String(e)));
await page.goto(base + "/");
const email = `shot${Date.now()}@x.bh`;
await page.evaluate(async (email) => {
  await fetch("/api/v1/auth/register", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: "p", display_name: "Huda" }) });
}, email);
await page.goto(base + "/sign-in");
await page.getByLabel("Email").fill(email);
await page.getByLabel("Password").fill("p");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("button", { name: "Huda" }).waitFor();
for (const [path, name] of [["/sell", "sell"], ["/me/listings", "my-listings"], ["/messages/9", "messages"], ["/account", "account"], ["/account/favorites", "favorites"], ["/insights", "insights"]]) {
  await page.goto(base + path, { waitUntil: "load" });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}
// sell with errors
await page.goto(base + "/sell");
await page.getByRole("button", { name: "Publish listing" }).click();
await page.waitForTimeout(800);
await page.screenshot({ path: `/tmp/shots/sell-errors.png`, fullPage: false });
console.log(errors);
await browser.close();
