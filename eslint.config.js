// @ts-check
// Lint rules for the whole project. Layer rules (docs/code-style.md): `domain/` (the shared
// vocabulary) imports no other layer, `db/` imports only `domain/`, `app/` never imports `db/`, and
// client components never import server-only modules (lint-rules/client-server-boundary.js).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import local from "./lint-rules/client-server-boundary.js";

export default tseslint.config(
  { ignores: [".next/**", ".data/**", "node_modules/**", "db/migrations/**", "next-env.d.ts", "tests/golden/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "proxy.ts"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin, local },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "local/no-server-only-in-client": "error",
    },
  },
  {
    files: ["lib/**/*.ts", "db/**/*.ts", "bench/**/*.ts", "tests/**/*.ts"],
    plugins: { drizzle },
    rules: {
      // Every UPDATE and DELETE names its rows: a missing where() would touch the whole table.
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "trx"] }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "trx"] }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "proxy.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db", "@/db/*", "**/db/*"], message: "app/ calls lib/; only lib/ touches db/." }] },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib", "@/lib/*", "**/lib/*", "@/app", "@/app/*", "**/app/*"],
              message: "db/ is below lib/: shared words live in domain/vocabulary.ts, which both import.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib", "@/lib/*", "**/lib/*", "@/db", "@/db/*", "**/db/*", "@/app", "@/app/*", "**/app/*"],
              message: "domain/ is pure and shared by every layer: it imports none of them.",
            },
          ],
        },
      ],
    },
  },
);
