import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside a React server bundle; tests run lib/ directly on the server.
      "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    // Each integration file gets its own cloned database; two workers fit the 2-core machines.
    maxWorkers: 2,
    setupFiles: [fileURLToPath(new URL("./tests/support/fast-check-seed.ts", import.meta.url))],
    projects: [
      {
        extends: true,
        // Property tests and PDF rendering take seconds on a loaded 2-core machine: a timeout there
        // would be noise, not a finding (speed targets live in bench/).
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: [fileURLToPath(new URL("./tests/support/global-setup.ts", import.meta.url))],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One app server and one Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // Two app instances on one PostgreSQL database, started by tests/cluster/run.mjs.
        test: {
          name: "cluster",
          include: ["tests/cluster/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
