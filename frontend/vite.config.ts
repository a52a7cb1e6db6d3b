/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

// Every path the Django server answers; the SPA owns the rest.
const backend = process.env.SAYARA_BACKEND_URL ?? "http://127.0.0.1:8000";
const proxied = ["/api", "/media", "/admin", "/static"];

const preactInPlaceOfReact = Object.entries({
  react: "preact/compat",
  "react-dom": "preact/compat",
  "react-dom/client": "preact/compat/client",
  "react-dom/test-utils": "preact/test-utils",
  "react/jsx-runtime": "preact/compat/jsx-runtime",
  "react/jsx-dev-runtime": "preact/compat/jsx-dev-runtime",
  // react-i18next's polyfill of a hook React and Preact both have.
  "use-sync-external-store/shim": "preact/compat",
}).map(([name, replacement]) => ({ find: new RegExp(`^${name}$`), replacement }));

// react-router's package exports name only its development build (remix-run/react-router#12532,
// #14102): a production build takes the library's own production one, without the dev warnings.
const routerProduction = {
  find: /^react-router$/,
  replacement: fileURLToPath(new URL("./node_modules/react-router/dist/production/index.mjs", import.meta.url)),
};

export default defineConfig(({ command }) => ({
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
    alias: [
      { find: "@", replacement: fileURLToPath(new URL("./src", import.meta.url)) },
      // Preact's React-compatible runtime in place of React's, for the app and every library it uses:
      // a phone parses and runs far less code before the first page (docs/decisions/web-performance.md).
      ...preactInPlaceOfReact,
      ...(command === "build" ? [routerProduction] : []),
    ],
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
    // Run through Vite, so the libraries get Preact from the aliases above as the app does.
    server: { deps: { inline: [/react/, /i18next/, /@testing-library/, /@tanstack/] } },
    // Their ES builds: the CommonJS ones Node would pick require("react") past the aliases.
    alias: [
      { find: /^@testing-library\/react$/, replacement: "@testing-library/react/dist/@testing-library/react.esm.js" },
      { find: /^react-router$/, replacement: fileURLToPath(new URL("./node_modules/react-router/dist/development/index.mjs", import.meta.url)) },
    ],
    restoreMocks: true,
    // A whole form filled by user-event takes seconds on a busy machine; the default 5 s made those tests flaky.
    testTimeout: 30_000,
  },
}));
