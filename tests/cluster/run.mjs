// The two-instance suite (`npm run test:cluster`): builds the app if needed, makes a fresh database
// on the PostgreSQL server, and starts TWO production servers (server.mjs) on it with the same
// AUTH_SECRET and settings, as a load balancer's pool would run them (B with FAST_ROUTES=off, so that
// the suite covers both ways a request is served; A marks what it serves without Next.js); then runs the vitest project
// "cluster" (tests/cluster/*.test.ts), which sends each request to the instance it names.
// Env: DATABASE_URL (any database on the server; default postgres://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../../lib/cli/build-if-needed.mjs";
import { freePort, freshDatabase, seedDatabase, startApp } from "../support/app-process.mjs";

const root = process.cwd();
const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

const database = await freshDatabase("fcd_cluster", serverUrl);
const [portA, portB] = [await freePort(), await freePort()];
const env = {
  ...process.env,
  ...database.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  // What every instance must share (README, "Running several instances").
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  PUBLIC_BASE_URL: `http://localhost:${portA}`,
  SEED_DEMO: "1",
  DEMO_PASSWORD: "cluster-demo-password",
  OUTBOUND_FETCH: "off",
  // Every schedule every minute, looked at every second, so that a test sees a minute's runs.
  JOBS_RECHECK_CRON: "* * * * *",
  JOBS_SOURCE_SWEEP_CRON: "* * * * *",
  JOBS_CRON_MONITOR_SECONDS: "1",
  JOBS_POLL_SECONDS: "0.5",
  // Rate limits (docs/api.md) are counted in the database, so they hold over both instances. The
  // per-token limit is small enough for a test to reach with a fresh token, split over A and B
  // (RATE_LIMIT_PER_TOKEN reaches the tests through this env); the others are out of reach of the
  // suite's logins and calls, which all come from 127.0.0.1.
  RATE_LIMIT: "on",
  RATE_LIMIT_PER_TOKEN: "10",
  RATE_LIMIT_PER_USER: "1000000",
  RATE_LIMIT_PER_IP: "1000000",
  RATE_LIMIT_LOGIN_PER_IP: "1000000",
};

const instances = [];
let exitCode;
try {
  buildIfNeeded({ ...env, DATABASE_URL: undefined, PGLITE_DIR: undefined });
  seedDatabase(env);
  // One after the other: both would migrate the same empty database at once otherwise (the seed has).
  for (const [label, port] of [
    ["A", portA],
    ["B", portB],
  ]) {
    const logFile = path.join(os.tmpdir(), `fcd-cluster-${database.runId}-${label}.log`);
    // B sends every request through Next.js: tests/cluster/fast-path.test.ts compares its answers
    // with those A's server.mjs gives itself (lib/http/fast-path.mjs).
    const own = { ...env, FAST_ROUTES: label === "B" ? "off" : "mark" };
    instances.push(await startApp({ env: own, port, label: `instance ${label}`, logFile }));
    console.log(`instance ${label}: http://localhost:${port} (log ${logFile})`);
  }
  const vitest = spawnSync(
    path.join(root, "node_modules", ".bin", "vitest"),
    ["run", "--project", "cluster", ...process.argv.slice(2)],
    {
      stdio: "inherit",
      env: {
        ...env,
        CLUSTER_A_URL: instances[0].base,
        CLUSTER_B_URL: instances[1].base,
        CLUSTER_DATABASE_URL: database.env.DATABASE_URL,
      },
    },
  );
  exitCode = vitest.status ?? 1;
  for (const [i, app] of instances.entries()) {
    if (app.exited) {
      console.error(`instance ${"AB"[i]} exited during the suite (log ${app.logFile})`);
      exitCode = 1;
    }
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  exitCode = 1;
} finally {
  await Promise.all(instances.map((app) => app.stop("SIGTERM")));
  await database.cleanup().catch((e) => console.error(`could not drop the database: ${e.message}`));
}
process.exit(exitCode);
