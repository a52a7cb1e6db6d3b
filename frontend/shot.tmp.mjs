import { chromium } from "@playwright/test";
const base = process.env.BASE ?? "http://127.0.0.1:5173";
const pages = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
for (const spec of pages) {
  const [path, name, width = "1280", lang = "en"] = spec.split("|");
  const context = await browser.newContext({ viewport: { width: Number(width), height: 900 } });
  await context.addInitScript((l) => localStorage.setItem("sayara.lang", l), lang);
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(600);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(name, errors.length ? errors.slice(0, 5) : "no errors");
  await context.close();
}
await browser.close();
