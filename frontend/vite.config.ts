/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

// Every path the Django server answers; the SPA owns the rest.
const backend = process.env.SAYARA_BACKEND_URL ?? "http://127.0.0.1:8000";
const proxied = ["/api", "/media", "/admin", "/static"];

export default defineConfig({
  base: "/",
  plugins: [
    react(),
    // file.js.br and file.js.gz beside each file: WhiteNoise (web/settings.py) and nginx
    // (gzip_static) send them to browsers that accept them, with nothing compressed per request.
    compression({
      include: /\.(js|css|html|svg|json|txt)$/,
      algorithms: [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip", { level: 9 })],
      threshold: 1024,
    }),
  ],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: {
      ...Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
      "/ws": { target: backend, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    sourcemap: false,
    // Which built files make each page's chunk: the server preloads them with that page (web/first_load.py).
    manifest: true,
  },
  test: {
    globals: true,
    environment: "jsdom",
    setupFiles: ["./src/testing/setup-tests.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    restoreMocks: true,
    // A whole form filled by user-event takes seconds on a busy machine; the default 5 s made those tests flaky.
    testTimeout: 30_000,
  },
});
