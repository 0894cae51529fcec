// `npm run demo`: build if needed, migrate and seed the embedded database, serve, and say how to
// log in. Plain Node (no tsx) so that it is the first thing that works on a fresh clone.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = process.cwd();
const port = process.env.PORT ?? "3000";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  // Kept beside the embedded database so sessions survive a restart of the demo.
  const file = path.join(root, ".data", "auth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: authSecret(),
  SEED_DEMO: process.env.SEED_DEMO ?? "1",
  PORT: port,
};
if (!env.DATABASE_URL) delete env.DATABASE_URL;

function run(cmd, args, label) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

try {
  buildIfNeeded(env);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
console.log("Preparing the database…");
run(bin("tsx"), ["--conditions=react-server", "lib/cli/seed.ts"], "Preparing the database");

const server = spawn(process.execPath, ["server.mjs"], { stdio: ["ignore", "pipe", "inherit"], env });
server.stdout.pipe(process.stdout);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

const url = `http://localhost:${port}`;
for (let i = 0; i < 120; i++) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    const res = await fetch(`${url}/api/health`);
    const body = await res.json();
    if (res.ok) {
      const password = process.env.DEMO_PASSWORD ? "the DEMO_PASSWORD you set" : '"factcheck-demo"';
      console.log(`
  Fact-check Desk is running at ${url}  (database: ${body.database})

  Log in as editor@example.com, editor2@example.com, reviewer@example.com or admin@example.com
  with the password ${password}. Stop with Ctrl+C.
`);
      break;
    }
  } catch {
    /* not up yet */
  }
}
