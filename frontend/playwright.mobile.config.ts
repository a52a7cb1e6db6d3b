import { defineConfig } from "@playwright/test";
import web from "./playwright.config";

// The phone app's browser build (React Native Web) in the same Chromium, at a
// phone's size, served by vite.mobile.config.ts in front of the stack under
// test that scripts/e2e.sh starts (E2E_BASE_URL).
const port = Number(process.env.E2E_MOBILE_PORT ?? 8766);

export default defineConfig({
  ...web,
  // The web app's own run skips these (playwright.config.ts); they share its helpers (e2e/support).
  testMatch: "mobile-app-*.spec.ts",
  testIgnore: [],
  outputDir: "./test-results/mobile-artifacts",
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report/mobile" }]],
  use: { ...web.use, baseURL: `http://127.0.0.1:${port}`, viewport: { width: 390, height: 844 }, hasTouch: true },
  webServer: {
    command: "npx vite preview --config vite.mobile.config.ts",
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: "ignore",
  },
});
