import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import globals from "globals";
import tseslint from "typescript-eslint";

const features = ["account", "auth", "favorites", "insights", "listings", "messaging", "search"];

export default tseslint.config(
  { ignores: ["dist", "test-results", "playwright-report", "node_modules"] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ["**/*.{ts,tsx}"],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks, "react-refresh": reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Small pure helpers live beside the component that owns them; fast refresh
      // falls back to a full reload for those files, which is fine.
      "react-refresh/only-export-components": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: [{ group: ["../*"], message: "Use @/ absolute imports." }] }],
    },
  },
  // bulletproof-react: a feature never imports another feature; the app composes them.
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../*"], message: "Use @/ absolute imports." },
            {
              group: features.filter((other) => other !== feature).map((other) => `@/features/${other}/*`),
              message: "Features do not import each other; compose them in src/app.",
            },
            { group: ["@/app/*"], message: "Features do not import the app layer." },
          ],
        },
      ],
    },
  })),
  {
    files: ["src/components/**/*.{ts,tsx}", "src/lib/**/*.{ts,tsx}", "src/types/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["../*"], message: "Use @/ absolute imports." },
            { group: ["@/features/*", "@/app/*"], message: "Shared code does not depend on features or the app." },
          ],
        },
      ],
    },
  },
);
