import { defineConfig } from "vite";

// Serves the phone app's browser build (mobile/dist-web, `expo export --platform
// web`) for its end-to-end tests (e2e/mobile-app-*.spec.ts, playwright.mobile.config.ts),
// with the stack under test behind the same origin as a reverse proxy would put
// it: the API allows no other origin (no CORS), and the app asks the origin
// that served it (mobile/src/config.ts).
const api = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  build: { outDir: "../mobile/dist-web" },
  preview: {
    host: "127.0.0.1",
    port: Number(process.env.E2E_MOBILE_PORT ?? 8766),
    strictPort: true,
    proxy: { "/api": api, "/media": api, "/ws": { target: api, ws: true } },
  },
});
