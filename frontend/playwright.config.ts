import { defineConfig } from "@playwright/test";

// Drives the machine's Chromium (never a downloaded browser) against the full
// stack, which the repo's test script starts before `npm run e2e`.
export default defineConfig({
  testDir: "./e2e",
  // The phone app's browser build has its own run (playwright.mobile.config.ts).
  testIgnore: "mobile-app-*.spec.ts",
  outputDir: "./test-results/artifacts",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:8000",
    locale: "en-US",
    viewport: { width: 1280, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium here and in `make test`; GitHub Actions sets
      // PLAYWRIGHT_BUNDLED_CHROMIUM=1 and uses the browser `playwright install` fetched.
      executablePath: process.env.PLAYWRIGHT_BUNDLED_CHROMIUM ? undefined : (process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
