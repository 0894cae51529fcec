// Browser tests: build the app, serve it on a fresh database with the demo users, and drive it in
// Debian's Chromium through the real login. In CI (CI=true) a missing Chromium is a failure.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../../lib/cli/build-if-needed.mjs";

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

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const port = await freePort();
const runId = crypto.randomBytes(4).toString("hex");
// Neither PUBLIC_BASE_URL nor ORG_URL: public links must then name the host the app was reached on.
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  SEED_DEMO: "1",
  DEMO_PASSWORD: "e2e-demo-password",
  PUBLIC_BASE_URL: "",
  ORG_URL: "",
  PORT: String(port),
  // The app runs its job runner; its source checks must not reach out of this machine (the tests'
  // sources point at real-looking public URLs).
  OUTBOUND_FETCH: "off",
};

let dropDatabase = async () => {};
let pgliteDir;
if (process.env.DATABASE_URL) {
  // A fresh database on the same server, dropped afterwards.
  const { default: postgres } = await import("postgres");
  const name = `fcd_e2e_${runId}`;
  const admin = new URL(process.env.DATABASE_URL);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database "${name}"`);
  await sql.end();
  const target = new URL(process.env.DATABASE_URL);
  target.pathname = `/${name}`;
  env.DATABASE_URL = target.toString();
  dropDatabase = async () => {
    const s = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    await s.unsafe(`drop database if exists "${name}" with (force)`);
    await s.end();
  };
} else {
  pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "fcd-e2e-"));
  env.PGLITE_DIR = path.join(pgliteDir, "pglite");
  delete env.DATABASE_URL;
}

let server;
let exitCode;
try {
  buildIfNeeded({ ...env, DATABASE_URL: undefined, PGLITE_DIR: undefined });
  const seed = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/cli/seed.ts"], {
    stdio: "inherit",
    env,
  });
  if (seed.status !== 0) throw new Error("seeding the e2e database failed");

  const log = fs.createWriteStream(path.join(os.tmpdir(), `fcd-e2e-server-${runId}.log`));
  server = spawn(process.execPath, ["server.mjs"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  server.stderr.on("data", (d) => process.stderr.write(`[server] ${d}`));

  const base = `http://localhost:${port}`;
  let up = false;
  for (let i = 0; i < 120 && !up; i++) {
    await new Promise((r) => setTimeout(r, 500));
    up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
  }
  if (!up) throw new Error("the app did not become healthy within 60 s");

  const vitest = spawnSync(
    path.join(root, "node_modules", ".bin", "vitest"),
    ["run", "--project", "e2e", ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...env, E2E_BASE_URL: base, CHROMIUM_PATH: chromium } },
  );
  exitCode = vitest.status ?? 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  exitCode = 1;
} finally {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await dropDatabase().catch(() => {});
  if (pgliteDir) fs.rmSync(pgliteDir, { recursive: true, force: true });
}
process.exit(exitCode);
