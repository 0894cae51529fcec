// Browser tests: build the app, serve it on a fresh database with the demo users, and drive it in
// Debian's Chromium through the real login. In CI (CI=true) a missing Chromium is a failure.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../../lib/cli/build-if-needed.mjs";
import { freePort, freshDatabase, seedDatabase, startApp } from "../support/app-process.mjs";
import { startOidcProvider } from "../support/oidc-provider.mjs";

const root = process.cwd();
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  if (process.env.CI) {
    console.error(`Browser tests: Chromium not found at ${chromium}. Install it (apt-get install -y chromium).`);
    process.exit(1);
  }
  console.warn(
    `Browser tests skipped: Chromium not found at ${chromium} (apt-get install -y chromium). CI makes them mandatory.`,
  );
  process.exit(0);
}

const port = await freePort();
// A fresh database on the DATABASE_URL server (dropped afterwards), else a PGlite folder.
const database = await freshDatabase("fcd_e2e", process.env.DATABASE_URL);
// Single sign-on against a local OpenID Connect provider (tests/e2e/sso.test.ts): it starts in well
// under a second, so every run has it and the login page is tested as a desk with SSO shows it.
const oidc = await startOidcProvider({
  redirectUris: [`http://localhost:${port}/api/auth/callback/oidc`, `http://127.0.0.1:${port}/api/auth/callback/oidc`],
});
// Neither PUBLIC_BASE_URL nor ORG_URL: public links must then name the host the app was reached on.
const env = {
  ...process.env,
  ...database.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  SEED_DEMO: "1",
  DEMO_PASSWORD: "e2e-demo-password",
  PUBLIC_BASE_URL: "",
  ORG_URL: "",
  // The app runs its job runner; its source checks must not reach out of this machine (the tests'
  // sources point at real-looking public URLs).
  OUTBOUND_FETCH: "off",
  // Rate limits on (their statement runs with every API call and login) but out of reach: the tests
  // log in and call the API from one address far faster than a desk does. Tested in
  // tests/integration/rate-limits.test.ts.
  RATE_LIMIT: "on",
  RATE_LIMIT_PER_TOKEN: "1000000",
  RATE_LIMIT_PER_USER: "1000000",
  RATE_LIMIT_PER_IP: "1000000",
  RATE_LIMIT_LOGIN_PER_IP: "1000000",
  OIDC_ISSUER: oidc.issuer,
  OIDC_CLIENT_ID: oidc.clientId,
  OIDC_CLIENT_SECRET: oidc.clientSecret,
  OIDC_ALLOWED_DOMAINS: "newsroom.test",
  OIDC_DEFAULT_ROLE: "reviewer",
  OIDC_NAME: "Newsroom SSO",
};

let server;
let exitCode;
try {
  buildIfNeeded({ ...env, DATABASE_URL: undefined, PGLITE_DIR: undefined });
  seedDatabase(env);
  server = await startApp({
    env,
    port,
    logFile: path.join(os.tmpdir(), `fcd-e2e-server-${database.runId}.log`),
    healthTimeoutMs: 60_000,
  });

  // Not spawnSync: this process must keep answering as the OIDC provider while the tests run.
  const vitest = spawn(path.join(root, "node_modules", ".bin", "vitest"), ["run", "--project", "e2e", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...env, E2E_BASE_URL: server.base, CHROMIUM_PATH: chromium },
  });
  exitCode = await new Promise((resolve) => vitest.once("exit", (code) => resolve(code ?? 1)));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  exitCode = 1;
} finally {
  await server?.stop("SIGTERM");
  await oidc.close();
  await database.cleanup().catch(() => {});
}
process.exit(exitCode);
